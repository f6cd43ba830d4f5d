package io.devsanctum.gateway.route;

import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.bus.BusRequests;
import io.devsanctum.common.bus.ServiceHealth;
import io.devsanctum.common.contract.ContractJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Duration;
import java.util.List;

/**
 * Liveness (this process serves HTTP) and readiness (every service answers over the event bus,
 * and each owning service reaches its database).
 */
public class HealthRoutes {

  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final Vertx vertx;

  public HealthRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  public void mount(RouterBuilder api) {
    api.getRoute("getLiveness").addHandler(this::live);
    api.getRoute("getReadiness").addHandler(this::ready);
  }

  private void live(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "UP"));
  }

  private void ready(RoutingContext ctx) {
    List<Future<JsonObject>> probes = Addresses.SERVICES.stream().map(this::probe).toList();
    Future.join(probes).otherwiseEmpty().onComplete(done -> {
      JsonObject byService = new JsonObject();
      JsonArray down = new JsonArray();
      boolean databaseUp = true;
      for (int i = 0; i < probes.size(); i++) {
        String service = Addresses.SERVICES.get(i);
        JsonObject report = probes.get(i).result();
        byService.put(service, report);
        if (!"UP".equals(report.getString("status"))) {
          down.add(service);
        }
        if ("DOWN".equals(report.getJsonObject("checks", new JsonObject()).getString("database"))) {
          databaseUp = false;
        }
      }
      boolean ready = down.isEmpty() && databaseUp;
      ctx.response().setStatusCode(ready ? 200 : 503);
      ctx.json(new JsonObject()
          .put("status", ServiceHealth.Status.of(ready).name())
          .put("database", ServiceHealth.Status.of(databaseUp).name())
          .put("down", down)
          .put("services", byService));
    });
  }

  /** A service's own report, or a DOWN entry saying why it could not be had; never fails. */
  private Future<JsonObject> probe(String service) {
    return BusRequests.<JsonObject>request(vertx, Addresses.health(service), new JsonObject(),
            new DeliveryOptions().setSendTimeout(PROBE_TIMEOUT.toMillis()))
        .map(reply -> {
          JsonObject report = ContractJson.toJson(ContractJson.fromJson(reply.body(), ServiceHealth.class));
          report.remove("service");
          return report;
        })
        .otherwise(failure -> new JsonObject()
            .put("status", "DOWN")
            .put("detail", failure instanceof ReplyException reply
                ? "no answer over the event bus (" + reply.failureType().name().toLowerCase() + ")"
                : failure.getMessage()));
  }
}
