package io.devsanctum.common.logging;

import io.devsanctum.common.bus.RequestOrigin;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * The request a Vert.x (duplicated) context is doing work for: its id, and where it came from.
 * Each HTTP request and each event-bus message runs on its own duplicated context, so both follow
 * the request through every callback; the log pattern prints the id with {@code %requestId}, and
 * audit records take the {@link RequestOrigin}.
 */
public final class RequestContext {

  /** Registered at class load, which {@link io.devsanctum.common.runtime.VertxFactory} forces before any Vertx exists. */
  private static final ContextLocal<String> REQUEST_ID = ContextLocal.registerLocal(String.class);
  private static final ContextLocal<RequestOrigin> ORIGIN = ContextLocal.registerLocal(RequestOrigin.class);

  private RequestContext() {
  }

  /** Loads the class so the context local is registered before Vert.x is created. */
  public static void init() {
    // the static initialiser does the work
  }

  public static void setRequestId(Context context, String requestId) {
    if (context != null && requestId != null && knows(context)) {
      context.putLocal(REQUEST_ID, requestId);
    }
  }

  /** The current request id, or null outside a request. */
  public static String requestId() {
    Context context = Vertx.currentContext();
    return context == null || !knows(context) ? null : context.getLocal(REQUEST_ID);
  }

  /** Sets where the current request came from (and its id, for the logs). */
  public static void setOrigin(Context context, RequestOrigin origin) {
    if (context != null && origin != null && knows(context)) {
      context.putLocal(ORIGIN, origin);
      setRequestId(context, origin.requestId());
    }
  }

  /** Where the current request came from: its address and user agent when a client's request, else only its id. */
  public static RequestOrigin origin() {
    Context context = Vertx.currentContext();
    RequestOrigin origin = context == null || !knows(context) ? null : context.getLocal(ORIGIN);
    return origin != null ? origin : new RequestOrigin(null, null, requestId());
  }

  /**
   * Whether the context has room for the id: a Vert.x created before this class was loaded (only
   * tests make one so) has none, and asking it would throw.
   */
  private static boolean knows(Context context) {
    try {
      context.getLocal(REQUEST_ID);
      context.getLocal(ORIGIN);
      return true;
    } catch (IllegalArgumentException createdBeforeTheLocal) {
      return false;
    }
  }
}
