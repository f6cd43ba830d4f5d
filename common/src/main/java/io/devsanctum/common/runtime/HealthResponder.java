package io.devsanctum.common.runtime;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.bus.BusEndpoint;
import io.devsanctum.common.bus.ServiceHealth;
import io.devsanctum.common.contract.ContractJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers a service's health address with the result of its checks; a check that fails or does
 * not finish in time counts as DOWN, so the reply itself always comes. A service registers it once
 * it serves, so registering also announces the service on {@link Addresses#started}.
 */
public final class HealthResponder {

  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

  private HealthResponder() {
  }

  public static MessageConsumer<JsonObject> register(
      Vertx vertx, String service, Map<String, Supplier<Future<?>>> checks) {
    MessageConsumer<JsonObject> consumer = BusEndpoint.serve(vertx, Addresses.health(service),
        message -> run(service, checks).map(ContractJson::toJson));
    consumer.completion().onSuccess(registered -> vertx.eventBus().publish(Addresses.started(service), null));
    return consumer;
  }

  /** The usual check of a service that owns a schema. */
  public static Supplier<Future<?>> database(Pool pool) {
    return () -> pool.query("SELECT 1").execute();
  }

  private static Future<ServiceHealth> run(String service, Map<String, Supplier<Future<?>>> checks) {
    List<String> names = List.copyOf(checks.keySet());
    List<Future<Boolean>> results = names.stream()
        .map(name -> checks.get(name).get()
            .timeout(CHECK_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
            .map(ok -> true)
            .otherwise(false))
        .toList();
    // every check ends in true or false, so joining them cannot fail
    return Future.join(results).map(done -> {
      Map<String, Boolean> outcome = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        outcome.put(names.get(i), results.get(i).result());
      }
      return ServiceHealth.of(service, outcome);
    });
  }
}
