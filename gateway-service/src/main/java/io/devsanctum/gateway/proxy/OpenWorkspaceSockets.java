package io.devsanctum.gateway.proxy;

import io.devsanctum.gateway.proxy.WorkspaceAccess.Outcome;
import io.devsanctum.gateway.security.Authenticated;
import io.devsanctum.gateway.security.SessionChecks;
import io.vertx.core.net.NetSocket;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSockets the built-in proxy carries on a workspace session. A WebSocket is authorized
 * once, at its upgrade, and may then live for hours (an editor's connection); so when auth-service
 * announces an access change for its user, each is checked again and closed once its sign-in has
 * ended or its user may no longer open that host. When the check cannot be made, it stays open.
 */
public class OpenWorkspaceSockets {

  private static final Logger LOG = LoggerFactory.getLogger(OpenWorkspaceSockets.class);

  private record Open(NetSocket socket, Authenticated session, String host) {
  }

  private final SessionChecks sessions;
  private final RouteCache routes;
  private final Map<UUID, Set<Open>> byUser = new ConcurrentHashMap<>();

  public OpenWorkspaceSockets(SessionChecks sessions, RouteCache routes) {
    this.sessions = sessions;
    this.routes = routes;
    sessions.onAccessChanged(this::checkAgain);
  }

  /** Follows an upgraded WebSocket (the visitor's socket) until it ends; {@code closed} runs then. */
  public void opened(NetSocket socket, Authenticated session, String host, Runnable closed) {
    Open open = new Open(socket, session, host);
    UUID user = session.caller().userId();
    byUser.computeIfAbsent(user, id -> ConcurrentHashMap.newKeySet()).add(open);
    // the end handler, as the proxy itself uses the close handler to close the upstream side
    socket.endHandler(v -> {
      byUser.computeIfPresent(user, (id, set) -> {
        set.remove(open);
        return set.isEmpty() ? null : set;
      });
      closed.run();
    });
  }

  private void checkAgain(UUID user) {
    for (Open open : byUser.getOrDefault(user, Set.of())) {
      sessions.current(open.session()).onSuccess(current -> {
        if (current == null || WorkspaceAccess.decide(routes.find(open.host()), current).outcome() != Outcome.ALLOWED) {
          LOG.info("closing a WebSocket to {} of user {}: the access it was opened with has ended", open.host(), user);
          open.socket().close();
        }
      });
    }
  }
}
