package io.devsanctum.common.bus;

import io.vertx.core.MultiMap;

/**
 * Where the request behind a message came from, as the gateway saw it: the client's address (the
 * real one, by the gateway's trusted-proxy rule), its user agent and the request id. It travels
 * in delivery headers beside the {@link Caller} and the request's Vert.x context holds it
 * ({@link io.devsanctum.common.logging.RequestContext}), so the audit records a service writes
 * name the client without any contract method taking it.
 */
public record RequestOrigin(@Nullable String clientAddress, @Nullable String userAgent, @Nullable String requestId) {

  /** User agents longer than this are cut: a header is the client's to fill, the record is not. */
  public static final int MAX_USER_AGENT = 512;

  public RequestOrigin {
    if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
      userAgent = userAgent.substring(0, MAX_USER_AGENT);
    }
  }

  void applyTo(MultiMap headers) {
    if (clientAddress != null && !headers.contains(BusHeaders.CLIENT_ADDRESS)) {
      headers.add(BusHeaders.CLIENT_ADDRESS, clientAddress);
    }
    if (userAgent != null && !headers.contains(BusHeaders.USER_AGENT)) {
      headers.add(BusHeaders.USER_AGENT, userAgent);
    }
  }

  /** The origin a message carries (its request id, address and user agent); null when it carries none. */
  static RequestOrigin from(MultiMap headers) {
    String address = headers.get(BusHeaders.CLIENT_ADDRESS);
    String agent = headers.get(BusHeaders.USER_AGENT);
    String requestId = headers.get(BusHeaders.REQUEST_ID);
    return address == null && agent == null && requestId == null ? null
        : new RequestOrigin(address, agent, requestId);
  }
}
