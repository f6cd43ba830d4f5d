package io.devsanctum.common.runtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dependency's outages as the log tells them: one WARN when one begins, however many requests it
 * fails, and one INFO when it ends. While it lasts, the dependency is probed every second, so its
 * end is noticed (and logged) even when no request comes. One per dependency and Vert.x instance,
 * so in standalone mode the services sharing a database report its outage once.
 */
public final class Outage implements Shareable {

  private static final Logger LOG = LoggerFactory.getLogger(Outage.class);
  private static final String REGISTRY = "devsanctum.outages";
  static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final String dependency;
  private final Supplier<Future<?>> probe;
  private final AtomicReference<Episode> current = new AtomicReference<>();
  /** Whether the dependency has served this process once: before that, it is still starting, not out. */
  private volatile boolean served;

  private record Episode(long startedNanos, AtomicLong failures) {
  }

  private Outage(Vertx vertx, String dependency, Supplier<Future<?>> probe) {
    this.vertx = vertx;
    this.dependency = dependency;
    this.probe = probe;
  }

  /**
   * The outage record of {@code dependency} in this Vert.x instance; {@code probe} (a request that
   * succeeds only while the dependency serves) is the one given first.
   */
  public static Outage of(Vertx vertx, String dependency, Supplier<Future<?>> probe) {
    return vertx.sharedData().<String, Outage>getLocalMap(REGISTRY)
        .computeIfAbsent(dependency, name -> new Outage(vertx, name, probe));
  }

  /** A request failed because the dependency does not serve: the outage begins, or goes on. */
  public void failed(String reason) {
    Episode episode = new Episode(System.nanoTime(), new AtomicLong(1));
    if (current.compareAndSet(null, episode)) {
      if (served) {
        LOG.warn("{} is unavailable ({}); requests that need it answer 503 with Retry-After until it is back",
            dependency, reason);
      } else {
        // services of one process or cluster start in any order: not yet there is no outage
        LOG.info("{} is not available yet ({}); requests that need it answer 503 with Retry-After until it is",
            dependency, reason);
      }
      scheduleProbe(episode);
    } else {
      Episode ongoing = current.get();
      if (ongoing != null) {
        ongoing.failures().incrementAndGet();
      }
    }
  }

  /** A request to the dependency succeeded: an outage, if one was under way, is over. */
  public void succeeded() {
    if (!served) {
      served = true;
    }
    if (current.get() == null) {
      return; // the usual case, kept to reads
    }
    Episode ended = current.getAndSet(null);
    if (ended != null) {
      LOG.info("{} is available again after {} ms; {} request(s) failed meanwhile", dependency,
          (System.nanoTime() - ended.startedNanos()) / 1_000_000, ended.failures().get());
    }
  }

  public boolean ongoing() {
    return current.get() != null;
  }

  private void scheduleProbe(Episode episode) {
    vertx.setTimer(PROBE_INTERVAL.toMillis(), id -> {
      if (current.get() != episode) {
        return; // ended by a request meanwhile
      }
      Future<?> attempt;
      try {
        attempt = probe.get();
      } catch (RuntimeException e) {
        attempt = Future.failedFuture(e);
      }
      attempt.onComplete(ok -> succeeded(), stillDown -> scheduleProbe(episode));
    });
  }
}
