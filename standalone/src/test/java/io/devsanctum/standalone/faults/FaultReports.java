package io.devsanctum.standalone.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where the fault-injection tests leave their figures and the logs of the processes they disturbed. */
final class FaultReports {

  /** Work that may throw, run on another thread. */
  @FunctionalInterface
  interface Call {
    void run() throws Exception;
  }

  private FaultReports() {
  }

  /** {@code target/fault-injection/} of the standalone module. */
  static Path directory() throws IOException {
    Path jar = Path.of(System.getProperty("devsanctum.jar", "target/devsanctum.jar")).toAbsolutePath();
    return Files.createDirectories(jar.getParent().resolve("fault-injection"));
  }

  static void write(String file, String text) throws IOException {
    Files.writeString(directory().resolve(file), text);
  }

  static void keepLog(String name, Path log) throws IOException {
    if (Files.exists(log)) {
      Files.copy(log, directory().resolve(name + ".log"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes a test's scratch directory and everything in it. */
  static void delete(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
