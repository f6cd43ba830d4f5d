package io.devsanctum.gateway.security;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.contract.auth.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two credentials of workspace access, both {@code base64url(json).base64url(HMAC-SHA256)}:
 * the <b>handoff token</b> (60 s, single use, names the host) that carries the dashboard identity to
 * a workspace's origin, and the <b>workspace session</b> in the host-only {@code ds_ws} cookie (12 h,
 * names the host). Neither is the dashboard session: a leaked {@code ds_ws} opens one workspace host,
 * not the API. Both name the dashboard sign-in they came from ({@code sid}), so the workspace
 * session ends with it (see {@link io.devsanctum.gateway.security.CredentialChecks}). A third kind,
 * the <b>start token</b>, goes in the Start button of a stopped workspace's page: it binds the form to
 * the visitor's workspace session, so another page cannot make the visitor's browser start it.
 *
 * <p>The key is shared by every gateway instance: derived from {@value #SECRET_ENV} when set, else a
 * random key created once and shared through a cluster-wide map (first writer wins). Single use is
 * enforced cluster-wide too: issuing a handoff records its id in a cluster-wide map (with the
 * token's lifetime as TTL) and redeeming removes it; only the remover that finds it wins.
 */
public final class WorkspaceTokens {

  public static final String SECRET_ENV = "DEVSANCTUM_WORKSPACE_SESSION_SECRET";
  public static final String COOKIE = "ds_ws";
  static final Duration HANDOFF_LIFETIME = Duration.ofSeconds(60);
  static final Duration SESSION_LIFETIME = Duration.ofHours(12);
  private static final String KEYS_MAP = "devsanctum.gateway.keys";
  private static final String KEY_NAME = "workspace-session-key";
  private static final String HANDOFFS_MAP = "devsanctum.gateway.workspace-handoffs";
  private static final String HANDOFF = "handoff";
  private static final String SESSION = "ws-session";
  private static final String START = "start";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final Vertx vertx;
  private final byte[] key;
  private final VerifiedTokens<WorkspaceSession> sessions = new VerifiedTokens<>();

  private WorkspaceTokens(Vertx vertx, byte[] key) {
    this.vertx = vertx;
    this.key = key;
  }

  /** {@code configuredSecret}: the value of {@value #SECRET_ENV}, or null for a shared random key. */
  public static Future<WorkspaceTokens> create(Vertx vertx, String configuredSecret) {
    if (configuredSecret != null && !configuredSecret.isBlank()) {
      return Future.succeededFuture(new WorkspaceTokens(vertx, sha256(configuredSecret)));
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String candidate = B64.encodeToString(random);
    return vertx.sharedData().<String, String>getAsyncMap(KEYS_MAP)
        .compose(map -> map.putIfAbsent(KEY_NAME, candidate))
        .map(existing -> new WorkspaceTokens(vertx, B64D.decode(existing == null ? candidate : existing)));
  }

  /** A handoff token for {@code caller} to open {@code host}, recorded as not yet used. */
  public Future<String> issueHandoff(Authenticated who, String host) {
    String id = UUID.randomUUID().toString();
    Instant expires = Instant.now().plus(HANDOFF_LIFETIME);
    String token = sign(identity(who.caller(), who.sessionId()).put("typ", HANDOFF).put("jti", id).put("host", host)
        .put("exp", expires.getEpochSecond()));
    return handoffs().compose(map -> map.put(id, host, HANDOFF_LIFETIME.toMillis() + 5_000)).map(token);
  }

  /**
   * Verifies the token (signature, kind, expiry, host) and consumes it; fails FORBIDDEN when any
   * of that does not hold or it was used before.
   */
  public Future<WorkspaceSession> redeemHandoff(String token, String host) {
    JsonObject claims = verified(token, HANDOFF, host);
    if (claims == null) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.exception("the sign-in link is invalid or has expired"));
    }
    return handoffs().compose(map -> map.remove(claims.getString("jti"))).compose(recorded -> recorded == null
        ? Future.failedFuture(ErrorCode.FORBIDDEN.exception("the sign-in link was already used"))
        : Future.succeededFuture(new WorkspaceSession(caller(claims), sessionId(claims), host,
            Instant.now().plus(SESSION_LIFETIME))));
  }

  /** The {@code ds_ws} cookie for a session: host-only (no Domain), HttpOnly, SameSite=Lax, Secure on https. */
  public Cookie sessionCookie(WorkspaceSession session, boolean secure) {
    String value = sign(identity(session.caller(), session.sessionId()).put("typ", SESSION).put("host", session.host())
        .put("exp", session.expiresAt().getEpochSecond()));
    return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSecure(secure)
        .setSameSite(CookieSameSite.LAX).setMaxAge(Duration.between(Instant.now(), session.expiresAt()).toSeconds());
  }

  /** The session a {@code ds_ws} cookie value carries for {@code host}, or null when it is not valid there. */
  public WorkspaceSession session(String cookieValue, String host) {
    if (cookieValue == null || host == null) {
      return null;
    }
    // a browser sends its cookie with every request of the app: verified once, until it expires
    String key = host + " " + cookieValue;
    WorkspaceSession known = sessions.get(key);
    if (known != null) {
      return known;
    }
    JsonObject claims = verified(cookieValue, SESSION, host);
    if (claims == null) {
      return null;
    }
    WorkspaceSession session = new WorkspaceSession(caller(claims), sessionId(claims), host,
        Instant.ofEpochSecond(claims.getLong("exp")));
    sessions.put(key, session, session.expiresAt().toEpochMilli());
    return session;
  }

  /** The Start button's token for the session's visitor on its host. */
  public String startToken(WorkspaceSession session) {
    return B64.encodeToString(mac(START + ":" + session.host() + ":" + session.sessionId() + ":" + session.caller().userId()));
  }

  /** Whether {@code token} is the Start button's token of this session. */
  public boolean isStartToken(String token, WorkspaceSession session) {
    if (token == null || session.sessionId() == null) {
      return false;
    }
    try {
      return MessageDigest.isEqual(B64D.decode(token), B64D.decode(startToken(session)));
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  private Future<io.vertx.core.shareddata.AsyncMap<String, String>> handoffs() {
    return vertx.sharedData().getAsyncMap(HANDOFFS_MAP);
  }

  private static JsonObject identity(Caller caller, UUID sessionId) {
    return new JsonObject().put("sub", caller.userId().toString()).put("role", caller.role())
        .put("name", caller.username()).put("sid", sessionId.toString());
  }

  /** Null for tokens made before sessions were named; such a workspace session counts as ended. */
  private static UUID sessionId(JsonObject claims) {
    String sid = claims.getString("sid");
    return sid == null ? null : UUID.fromString(sid);
  }

  private static Caller caller(JsonObject claims) {
    return new Caller(UUID.fromString(claims.getString("sub")), Role.fromWire(claims.getString("role")),
        claims.getString("name"));
  }

  private String sign(JsonObject claims) {
    String payload = B64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    return payload + "." + B64.encodeToString(mac(payload));
  }

  /** The claims when signature, kind, host and expiry all hold; null otherwise. */
  private JsonObject verified(String token, String kind, String host) {
    if (token == null || host == null) {
      return null;
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return null;
    }
    try {
      String payload = token.substring(0, dot);
      if (!MessageDigest.isEqual(mac(payload), B64D.decode(token.substring(dot + 1)))) {
        return null;
      }
      JsonObject claims = new JsonObject(new String(B64D.decode(payload), StandardCharsets.UTF_8));
      boolean valid = kind.equals(claims.getString("typ"))
          && host.equals(claims.getString("host"))
          && claims.getLong("exp", 0L) > Instant.now().getEpochSecond()
          && claims.getString("sub") != null;
      if (valid) {
        UUID.fromString(claims.getString("sub"));
      }
      return valid ? claims : null;
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
