package io.devsanctum.common.logging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * The request id of the work a Vert.x (duplicated) context is doing. Each HTTP request and each
 * event-bus message runs on its own duplicated context, so the id follows the request through
 * every callback; the log pattern prints it with {@code %requestId}.
 */
public final class RequestContext {

  /** Registered at class load, which {@link io.devsanctum.common.runtime.VertxFactory} forces before any Vertx exists. */
  private static final ContextLocal<String> REQUEST_ID = ContextLocal.registerLocal(String.class);

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

  /**
   * Whether the context has room for the id: a Vert.x created before this class was loaded (only
   * tests make one so) has none, and asking it would throw.
   */
  private static boolean knows(Context context) {
    try {
      context.getLocal(REQUEST_ID);
      return true;
    } catch (IllegalArgumentException createdBeforeTheLocal) {
      return false;
    }
  }
}
