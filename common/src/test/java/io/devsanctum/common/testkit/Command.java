package io.devsanctum.common.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program a test runs to its end, within a time limit. Its output goes to a file while it runs,
 * so the wait is for the process alone: reading its pipe first (as the tests used to) waits, without
 * any limit and deaf to interruption, for every process that inherited the pipe to close it, and a
 * test whose command hung then hung the whole build. A command over its limit is killed, with the
 * processes it started, and fails the test with what it had printed.
 */
public final class Command {

  /** How a command ended: its exit code, its standard output and its standard error. */
  public record Outcome(int exitCode, String output, String errors) {
  }

  private Command() {
  }

  /** Runs {@code command}; its output (standard error merged in) if it exits 0, else an AssertionError. */
  public static String run(Duration limit, List<String> command) {
    Outcome outcome = execute(limit, command, true);
    if (outcome.exitCode() != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + outcome.exitCode() + ": " + outcome.output());
    }
    return outcome.output();
  }

  public static String run(Duration limit, String... command) {
    return run(limit, List.of(command));
  }

  /**
   * Runs {@code command} to its end, whatever its exit code; with {@code mergeErrors} its standard
   * error is part of {@link Outcome#output()}, else kept apart in {@link Outcome#errors()}.
   */
  public static Outcome execute(Duration limit, List<String> command, boolean mergeErrors) {
    return execute(limit, new ProcessBuilder(command), mergeErrors);
  }

  /** As {@link #execute(Duration, List, boolean)}, for a command with its own directory, environment or input. */
  public static Outcome execute(Duration limit, ProcessBuilder builder, boolean mergeErrors) {
    List<String> command = builder.command();
    File output = null;
    File errors = null;
    try {
      output = File.createTempFile("command-", ".out");
      errors = File.createTempFile("command-", ".err");
      builder.redirectOutput(output);
      if (mergeErrors) {
        builder.redirectErrorStream(true);
      } else {
        builder.redirectError(errors);
      }
      Process process = builder.start();
      try {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          kill(process);
          throw new AssertionError(String.join(" ", command) + " did not finish within " + limit + "; it printed: "
              + read(output));
        }
      } catch (InterruptedException e) {
        // the test's own time ran out: the command must not outlive it
        kill(process);
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while " + String.join(" ", command) + " ran; it printed: "
            + read(output), e);
      }
      return new Outcome(process.exitValue(), read(output), read(errors));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command.get(0), e);
    } finally {
      delete(output);
      delete(errors);
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static String read(File file) throws IOException {
    return new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8);
  }

  private static void delete(File file) {
    if (file != null) {
      file.delete();
    }
  }
}
