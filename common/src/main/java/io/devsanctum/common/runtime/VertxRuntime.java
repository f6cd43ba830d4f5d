package io.devsanctum.common.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;

/** A Vert.x instance and the Prometheus registry its metrics (and ours) are recorded in. */
public record VertxRuntime(Vertx vertx, PrometheusMeterRegistry meterRegistry) {
}
