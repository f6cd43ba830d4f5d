package io.devsanctum.gateway.ssh;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code devsanctum.ssh.sessions} (gauge of SSH channels open: shells, commands, subsystems),
 * {@code devsanctum.ssh.bytes} (counter by direction: {@code in} from clients, {@code out} to them)
 * and {@code devsanctum.ssh.auth.failures} (refused sign-ins: unknown keys, workspaces not theirs).
 */
final class SshMetrics {

  private final AtomicInteger open = new AtomicInteger();
  private final Counter bytesIn;
  private final Counter bytesOut;
  private final Counter authFailures;

  SshMetrics(MeterRegistry registry) {
    Gauge.builder("devsanctum.ssh.sessions", open, AtomicInteger::get)
        .description("SSH channels open (shells, commands, subsystems)")
        .strongReference(true)
        .register(registry);
    bytesIn = Counter.builder("devsanctum.ssh.bytes").tag("direction", "in")
        .description("Bytes through SSH channels").baseUnit("bytes").register(registry);
    bytesOut = Counter.builder("devsanctum.ssh.bytes").tag("direction", "out")
        .description("Bytes through SSH channels").baseUnit("bytes").register(registry);
    authFailures = Counter.builder("devsanctum.ssh.auth.failures")
        .description("SSH sign-ins refused").register(registry);
  }

  void opened() {
    open.incrementAndGet();
  }

  void closed() {
    open.decrementAndGet();
  }

  void in(long bytes) {
    bytesIn.increment(bytes);
  }

  void out(long bytes) {
    bytesOut.increment(bytes);
  }

  void authFailed() {
    authFailures.increment();
  }
}
