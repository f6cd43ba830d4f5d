package io.devsanctum.standalone.api;

import io.devsanctum.common.testkit.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The docker CLI, for tests that check or disturb what the platform did on the real daemon. */
public final class Docker {

  private Docker() {
  }

  /** Builds the minimal workspace image the tests provision (a no-op when it is up to date). */
  public static void buildMinimalImage() {
    Path script = repoRoot().resolve("workspace-images/build.sh");
    String output = run(List.of(script.toString(), "minimal"));
    if (!output.contains("workspace-minimal")) {
      throw new AssertionError("building the minimal image said: " + output);
    }
  }

  /** Output of a docker command; fails the test (loudly) when it exits non-zero. */
  public static String docker(String... args) {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.addAll(List.of(args));
    return run(command);
  }

  /**
   * Removes every container, volume and network labelled with the Docker host id {@code hostId},
   * whatever state a test left them in: a left-over owner network holds an address block on the
   * engine for good.
   */
  public static void removeResourcesOf(String hostId) {
    String label = "label=devsanctum.host_id=" + hostId;
    removeAll(List.of("rm", "-f"), docker("ps", "-aq", "--filter", label));
    removeAll(List.of("volume", "rm"), docker("volume", "ls", "-q", "--filter", label));
    removeAll(List.of("network", "rm"), docker("network", "ls", "-q", "--filter", label));
  }

  /** One docker command for all of them (a test may leave a hundred containers). */
  private static void removeAll(List<String> command, String ids) {
    if (!lines(ids).isEmpty()) {
      List<String> args = new ArrayList<>(command);
      args.addAll(lines(ids));
      docker(args.toArray(String[]::new));
    }
  }

  public static List<String> lines(String output) {
    return output.isBlank() ? List.of() : List.of(output.strip().split("\n"));
  }

  private static String run(List<String> command) {
    return Command.run(Duration.ofMinutes(5), command);
  }

  public static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !dir.resolve("workspace-images").toFile().isDirectory()) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new AssertionError("cannot find the repository root from " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
