package io.devsanctum.routing.service;

import io.devsanctum.common.domain.UnauthenticatedException;
import io.devsanctum.routing.model.Sha256;
import io.devsanctum.routing.repository.RouteRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;

/**
 * Hands the Traefik dynamic configuration to whoever presents the provider secret. Without a
 * configured secret the document is refused to everyone: it lists every workspace and upstream,
 * so it is never served unprotected.
 */
public class TraefikDocumentService {

  private final RouteRepository routes;
  private final ProxyConfigDocument document;
  /** SHA-256 of the secret: comparing digests takes the same time whatever the presented length. */
  private final byte[] secretDigest;

  /** {@code providerSecret} may be null: then every request is UNAUTHENTICATED. */
  public TraefikDocumentService(RouteRepository routes, ProxyConfigDocument document, String providerSecret) {
    this.routes = routes;
    this.document = document;
    this.secretDigest = providerSecret == null ? null : Sha256.of(providerSecret);
  }

  public Future<JsonObject> document(String presentedSecret) {
    if (secretDigest == null || presentedSecret == null
        || !MessageDigest.isEqual(secretDigest, Sha256.of(presentedSecret))) {
      return Future.failedFuture(new UnauthenticatedException("provider secret missing or wrong"));
    }
    return routes.findAll().map(document::render);
  }
}
