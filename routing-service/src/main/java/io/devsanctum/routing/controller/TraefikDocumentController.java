package io.devsanctum.routing.controller;

import io.devsanctum.common.bus.BusEndpoint;
import io.devsanctum.common.bus.RoutingContract;
import io.devsanctum.routing.service.TraefikDocumentService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** The Traefik dynamic configuration over the event bus; the gateway serves it over HTTP. */
public class TraefikDocumentController {

  private final TraefikDocumentService documents;

  public TraefikDocumentController(TraefikDocumentService documents) {
    this.documents = documents;
  }

  public void register(Vertx vertx) {
    BusEndpoint.serve(vertx, RoutingContract.TRAEFIK_DOCUMENT, this::document);
  }

  private Future<JsonObject> document(Message<JsonObject> message) {
    return documents.document(message.body().getString("providerSecret"));
  }
}
