package io.devsanctum.common.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Ends a test JVM in which one test class has run far longer than any should, after writing every
 * thread's stack to {@code target/hung-tests/<class>.txt} (scripts/test.sh prints it). JUnit's
 * timeouts (pom.xml's {@code junit.hang.guard}) interrupt a test that runs too long, but a wait that
 * ignores interruption (a blocking read, a lock) goes on regardless, and Surefire's own fork timeout
 * does not reliably kill the JVM: without this, one such wait used up a whole CI run. Registered
 * through {@code META-INF/services} for every module whose tests use this test kit.
 */
public final class HungTestWatchdog implements TestExecutionListener {

  /**
   * Ten times the slowest test class here (the kill -9 matrix, about two and a half minutes), and
   * more than the Compose deployment's set-up may take on a fresh machine (20 minutes).
   */
  private static final Duration CLASS_LIMIT = Duration.ofMinutes(
      Long.getLong("devsanctum.test.class.limit.minutes", 25));

  private final Map<String, Long> runningSince = new ConcurrentHashMap<>();
  private ScheduledExecutorService checks;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    checks = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "hung-test-watchdog");
      thread.setDaemon(true);
      return thread;
    });
    checks.scheduleWithFixedDelay(this::check, 10, 10, TimeUnit.SECONDS);
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    checks.shutdownNow();
  }

  @Override
  public void executionStarted(TestIdentifier test) {
    className(test).ifPresent(name -> runningSince.put(name, System.nanoTime()));
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    className(test).ifPresent(runningSince::remove);
  }

  private static Optional<String> className(TestIdentifier test) {
    return test.getSource().filter(ClassSource.class::isInstance).map(source -> ((ClassSource) source).getClassName());
  }

  private void check() {
    long now = System.nanoTime();
    runningSince.forEach((name, since) -> {
      if (now - since > CLASS_LIMIT.toNanos()) {
        String report = name + " has run for more than " + CLASS_LIMIT.toMinutes() + " minutes; the JVM ends now."
            + " Its threads:\n\n" + threadDump();
        System.err.println(report);
        try {
          Path file = Path.of("target", "hung-tests", name + ".txt");
          Files.createDirectories(file.getParent());
          Files.writeString(file, report, StandardCharsets.UTF_8);
        } catch (IOException unwritable) {
          System.err.println("cannot write the hung test's report: " + unwritable);
        }
        // halt runs no shutdown hook: the processes the tests started (a jar, Keycloak, PostgreSQL) are ended here
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().halt(3);
      }
    });
  }

  private static String threadDump() {
    StringBuilder dump = new StringBuilder();
    for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
      dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
      if (thread.getLockName() != null) {
        dump.append(" on ").append(thread.getLockName());
      }
      if (thread.getLockOwnerName() != null) {
        dump.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
      }
      dump.append('\n');
      for (StackTraceElement frame : thread.getStackTrace()) {
        dump.append("\tat ").append(frame).append('\n');
      }
      dump.append('\n');
    }
    return dump.toString();
  }
}
