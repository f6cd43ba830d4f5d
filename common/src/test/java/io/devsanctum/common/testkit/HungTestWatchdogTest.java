package io.devsanctum.common.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class HungTestWatchdogTest {

  /** A test that waits for ever and ignores interruption, as a stuck blocking read would. */
  static class Hangs {
    @Test
    void forever() {
      while (true) {
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException ignored) {
          // deaf to it, on purpose
        }
      }
    }
  }

  /** Runs {@link Hangs} with the JUnit launcher, as Surefire's fork does (the watchdog comes through META-INF/services). */
  public static final class RunHangs {
    public static void main(String[] args) {
      LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
          .selectors(DiscoverySelectors.selectClass(Hangs.class)).build());
    }
  }

  @Test
  void aTestJvmWhoseClassRunsPastTheLimitEndsWithEveryThreadsStackWritten(@TempDir Path dir) throws Exception {
    ProcessBuilder jvm = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Ddevsanctum.test.class.limit.minutes=0",
        "-cp", System.getProperty("java.class.path"),
        RunHangs.class.getName()))
        .directory(dir.toFile());

    Command.Outcome ended = Command.execute(Duration.ofMinutes(1), jvm, true);

    assertThat(ended.exitCode()).as(ended.output()).isEqualTo(3);
    Path report = dir.resolve("target/hung-tests/" + Hangs.class.getName() + ".txt");
    assertThat(Files.readString(report))
        .contains(Hangs.class.getName() + " has run for more than 0 minutes")
        .contains("\"main\" TIMED_WAITING")
        .contains(Hangs.class.getName() + ".forever(HungTestWatchdogTest.java");
  }
}
