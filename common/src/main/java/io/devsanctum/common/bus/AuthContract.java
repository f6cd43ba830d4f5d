package io.devsanctum.common.bus;

/**
 * Request/reply addresses served by auth-service. Bodies are JSON objects; timestamps are ISO-8601
 * strings; a "user" is {id, email, username, displayName, role ("admin"|"member"),
 * status ("active"|"suspended"), createdAt}. Addresses marked "caller" need the
 * {@link BusHeaders#USER_ID} and {@link BusHeaders#USER_ROLE} headers (UNAUTHENTICATED without
 * them); "admin" ones also fail with FORBIDDEN for a caller who is not an active admin.
 * Malformed input fails with VALIDATION and a "field: reason" message.
 */
public final class AuthContract {

  /** {} → {firstUserRequired: boolean} */
  public static final String SETUP_STATUS = "auth.setup.status";
  /** {email, username, displayName?, password} → user; CONFLICT once any user exists. */
  public static final String SETUP_FIRST_ADMIN = "auth.setup.first-admin";

  /** caller: {} → user (the caller); UNAUTHENTICATED when the caller is unknown or suspended. */
  public static final String USERS_ME = "auth.users.me";
  /** caller: {userId} → user; NOT_FOUND for no such user, or for another user when the caller is not an admin. */
  public static final String USERS_GET = "auth.users.get";
  /** admin: {} → {users: [user]} ordered by creation. */
  public static final String USERS_LIST = "auth.users.list";
  /** admin: {email, username, displayName?, password, role?="member"} → user; CONFLICT when email or username is taken. */
  public static final String USERS_CREATE = "auth.users.create";
  /** admin: {userId} → user; NOT_FOUND; CONFLICT for oneself. Revokes the user's sessions; API tokens stop working. */
  public static final String USERS_SUSPEND = "auth.users.suspend";
  /** admin: {userId} → user; NOT_FOUND. API tokens that are not revoked or expired work again. */
  public static final String USERS_REACTIVATE = "auth.users.reactivate";
  /** admin: {userId, role} → user; NOT_FOUND; CONFLICT when it would leave no active admin. */
  public static final String USERS_CHANGE_ROLE = "auth.users.change-role";

  /**
   * {login (email or username), password, clientAddress} → session, where session is
   * {user, accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt}.
   * UNAUTHENTICATED "invalid login or password" for any refused credentials;
   * RATE_LIMITED with a retry-after (see {@link RetryAfter}) after repeated failures.
   */
  public static final String SESSION_SIGN_IN = "auth.session.sign-in";
  /**
   * {refreshToken} → session (a new pair; the presented token is spent); CONFLICT when it was spent
   * moments ago by a racing request of the same client (nothing revoked); UNAUTHENTICATED otherwise.
   */
  public static final String SESSION_REFRESH = "auth.session.refresh";
  /** {refreshToken} → {}; ends that sign-in's session; idempotent, unknown tokens succeed too. */
  public static final String SESSION_SIGN_OUT = "auth.session.sign-out";
  /**
   * {userId, sessionId} → {userId, role, username}: the user as they are now, if active and that
   * sign-in (an access token's {@code sid}) is still live; UNAUTHENTICATED otherwise. Lets
   * credentials longer-lived than an access token (workspace sessions) end with it.
   */
  public static final String SESSION_VERIFY = "auth.session.verify";
  /**
   * Published {userId} whenever one of the user's sessions ends or their role or status changes;
   * holders of cached session checks drop that user's.
   */
  public static final String EVENTS_ACCESS_CHANGED = "auth.events.access-changed";

  /** {} → {providers: [{id ("github"|"google"), name}]}: the OAuth2 providers enabled on this server. */
  public static final String OAUTH_PROVIDERS = "auth.oauth.providers";
  /**
   * {provider, redirectUri (absolute http(s) URL the provider sends the browser back to)} →
   * {authorizeUrl, state}: starts an OAuth2 sign-in (with PKCE) that can be completed once, within
   * 10 minutes. NOT_FOUND for an unknown or disabled provider; VALIDATION for another redirectUri.
   */
  public static final String OAUTH_BEGIN = "auth.oauth.begin";
  /**
   * {provider, state, code, clientAddress} → session (as {@link #SESSION_SIGN_IN}). The user is the
   * one the provider identity is linked to, else the user with the same verified email (now linked),
   * else a new member (no password) when sign-up is open or the email's domain is allowed.
   * NOT_FOUND for an unknown or disabled provider; UNAUTHENTICATED "sign-in attempt expired or
   * invalid; start again" for an unknown, expired, used or other provider's state, and
   * UNAUTHENTICATED when the provider refuses the code or the account is suspended; FORBIDDEN
   * "your &lt;Provider&gt; email is not verified", "sign-up is closed; ask an admin for an account",
   * or, before first-run setup, "sign-up opens once the first admin has been set up"; CONFLICT when
   * a concurrent sign-in took the email or identity.
   */
  public static final String OAUTH_COMPLETE = "auth.oauth.complete";

  /** {} → {keys: [{kid, kty "EC", crv "P-256", x, y, alg "ES256", use "sig"}]}: verifies access tokens. */
  public static final String KEYS_JWKS = "auth.keys.jwks";

  /** caller: {name, expiresAt?} → {id, name, token, createdAt, expiresAt}; the token value is shown only here; CONFLICT on a duplicate live name. */
  public static final String API_TOKENS_CREATE = "auth.api-tokens.create";
  /** caller: {userId?} → {tokens: [{id, name, createdAt, lastUsedAt, expiresAt}]}, live tokens only; another user's need admin. */
  public static final String API_TOKENS_LIST = "auth.api-tokens.list";
  /** caller: {tokenId} → {}; own tokens, or anyone's for an admin; NOT_FOUND for unknown, already revoked or (to a member) another user's. */
  public static final String API_TOKENS_REVOKE = "auth.api-tokens.revoke";
  /** {token} → {userId, role, username}; UNAUTHENTICATED for unknown, revoked, expired or suspended. */
  public static final String API_TOKENS_AUTHENTICATE = "auth.api-tokens.authenticate";

  private AuthContract() {
  }
}
