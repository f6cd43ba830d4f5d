package io.devsanctum.gateway.security;

import io.devsanctum.common.bus.Caller;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections that outlive the request that authorized them (Server-Sent Events streams, the
 * web terminal, WebSockets through the workspace proxy). Each is checked again when auth-service
 * announces an access change for its user, and every {@link #SWEEP_MS} as a backstop for a missed
 * announcement: it is closed once its credential no longer holds, or its user (with their current
 * role) may no longer have it. When the check cannot be made (auth-service away), it stays open.
 */
public class LiveConnections {

  private static final Logger LOG = LoggerFactory.getLogger(LiveConnections.class);
  static final long SWEEP_MS = 30_000;

  private record Live(Authenticated opener, String what, Predicate<Caller> stillAllowed, Runnable close,
      Context context) {
  }

  private final Vertx vertx;
  private final Credentials credentials;
  private final Map<UUID, Set<Live>> byUser = new ConcurrentHashMap<>();
  private long sweep = -1;

  public LiveConnections(Vertx vertx, Credentials credentials, CredentialChecks checks) {
    this.vertx = vertx;
    this.credentials = credentials;
    checks.onAccessChanged(this::checkAgain);
  }

  public void start() {
    sweep = vertx.setPeriodic(SWEEP_MS, id -> checkAll());
  }

  public void stop() {
    if (sweep >= 0) {
      vertx.cancelTimer(sweep);
    }
  }

  /**
   * Follows a connection opened by {@code opener} until the returned release runs (call it when
   * the connection ends). {@code stillAllowed} tells whether the opener's user, as they are now,
   * may keep it; {@code close} ends it, on the context it was opened on. {@code what} names it in
   * the log line written when it is closed.
   */
  public Runnable follow(Authenticated opener, String what, Predicate<Caller> stillAllowed, Runnable close) {
    Live live = new Live(opener, what, stillAllowed, close, Vertx.currentContext());
    UUID user = opener.caller().userId();
    byUser.computeIfAbsent(user, id -> ConcurrentHashMap.newKeySet()).add(live);
    // an announcement may have come between the opener's check and now: check once more (a cache hit
    // unless one did), so that no connection escapes a revocation by opening just before it
    check(user, live);
    return () -> byUser.computeIfPresent(user, (id, set) -> {
      set.remove(live);
      return set.isEmpty() ? null : set;
    });
  }

  /**
   * Checks every connection again now: what may keep one open changed without any user's access
   * changing (a workspace's sharing), so no announcement names whose to check.
   */
  public void checkAll() {
    byUser.keySet().forEach(this::checkAgain);
  }

  /** How many connections are followed (for tests and metrics). */
  public int size() {
    return byUser.values().stream().mapToInt(Set::size).sum();
  }

  private void checkAgain(UUID user) {
    for (Live live : byUser.getOrDefault(user, Set.of())) {
      check(user, live);
    }
  }

  private void check(UUID user, Live live) {
    credentials.current(live.opener()).onSuccess(current -> {
      if (current == null || !live.stillAllowed().test(current.caller())) {
        LOG.info("closing {} of user {}: the access it was opened with has ended", live.what(), user);
        if (live.context() != null) {
          live.context().runOnContext(v -> live.close().run());
        } else {
          live.close().run();
        }
      }
    });
  }
}
