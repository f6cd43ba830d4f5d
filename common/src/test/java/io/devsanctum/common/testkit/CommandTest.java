package io.devsanctum.common.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CommandTest {

  @Test
  void aCommandEndsWhenItsProcessEndsEvenIfAChildStillHoldsItsOutput() {
    // the child keeps the output open for a minute: reading the output to its end would wait for it
    String output = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> Command.run(Duration.ofSeconds(10), "sh", "-c", "echo before; sleep 60 & echo after"));

    assertThat(output).isEqualTo("before\nafter\n");
  }

  @Test
  void aCommandOverItsLimitIsKilledWithItsChildrenAndFailsWithWhatItPrinted() throws Exception {
    Path pidFile = Files.createTempFile("command-test-", ".pid");

    assertThatThrownBy(() -> Command.run(Duration.ofSeconds(1),
        "sh", "-c", "echo so far; sleep 60 & echo $! > " + pidFile + "; wait"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("did not finish within PT1S")
        .hasMessageContaining("so far");

    awaitEnded(pidFile);
  }

  @Test
  void aCommandWhoseTestIsInterruptedIsKilledAndFailsWithWhatItPrinted() throws Exception {
    Path pidFile = Files.createTempFile("command-test-", ".pid");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread test = new Thread(() -> {
      try {
        Command.run(Duration.ofSeconds(60), "sh", "-c", "echo so far; echo $$ > " + pidFile + "; exec sleep 60");
      } catch (Throwable thrown) {
        failure.set(thrown);
      }
    });
    test.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> !Files.readString(pidFile).isBlank());

    test.interrupt();
    test.join(10_000);

    assertThat(failure.get()).isInstanceOf(AssertionError.class).hasMessageContaining("interrupted")
        .hasMessageContaining("so far");
    awaitEnded(pidFile);
  }

  @Test
  void aFailedCommandSaysItsExitCodeAndOutput() {
    assertThatThrownBy(() -> Command.run(Duration.ofSeconds(10), "sh", "-c", "echo nope >&2; exit 3"))
        .hasMessageContaining("exited 3")
        .hasMessageContaining("nope");
  }

  @Test
  void errorsCanBeKeptApartFromTheOutput() {
    Command.Outcome outcome = Command.execute(Duration.ofSeconds(10),
        List.of("sh", "-c", "echo out; echo err >&2"), false);

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.output()).isEqualTo("out\n");
    assertThat(outcome.errors()).isEqualTo("err\n");
  }

  /** Waits for the process whose id is in {@code pidFile} to be gone. */
  private static void awaitEnded(Path pidFile) throws Exception {
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    await().atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
    Files.delete(pidFile);
  }
}
