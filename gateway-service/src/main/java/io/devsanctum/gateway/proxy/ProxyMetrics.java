package io.devsanctum.gateway.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code devsanctum.proxy.requests} (timer by status class), {@code devsanctum.proxy.bytes}
 * (counter by direction: {@code in} from visitors, {@code out} to them) and
 * {@code devsanctum.proxy.websockets} (gauge of WebSockets open through the proxy).
 */
final class ProxyMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger openWebSockets = new AtomicInteger();
  private final Counter bytesIn;
  private final Counter bytesOut;

  /** By status class: looked up once, not registered again on every request. */
  private final Map<Integer, Timer> requests = new ConcurrentHashMap<>();

  ProxyMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("devsanctum.proxy.websockets", openWebSockets, AtomicInteger::get)
        .description("WebSockets open through the built-in proxy")
        .strongReference(true)
        .register(registry);
    bytesIn = Counter.builder("devsanctum.proxy.bytes").tag("direction", "in")
        .description("Bytes through the built-in proxy").baseUnit("bytes").register(registry);
    bytesOut = Counter.builder("devsanctum.proxy.bytes").tag("direction", "out")
        .description("Bytes through the built-in proxy").baseUnit("bytes").register(registry);
  }

  void request(long startedNanos, int status, long bytesRead, long bytesWritten) {
    requests.computeIfAbsent(status / 100, statusClass -> Timer.builder("devsanctum.proxy.requests")
            .description("Requests to workspace hosts, by status class")
            .tag("status", statusClass + "xx")
            .register(registry))
        .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    bytesIn.increment(bytesRead);
    bytesOut.increment(bytesWritten);
  }

  void webSocketOpened() {
    openWebSockets.incrementAndGet();
  }

  void webSocketClosed() {
    openWebSockets.decrementAndGet();
  }
}
