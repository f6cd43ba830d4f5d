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
  /** admin: {} → {users: [user + signInMethods: [{provider?, name}]]} ordered by creation. */
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
   * caller: {currentPassword, newPassword, clientAddress, sessionId?} → user. Every sign-in of the
   * caller but {@code sessionId} (the one the request came with; absent for API tokens) ends.
   * VALIDATION "currentPassword: ..." for a wrong one (counted like a failed sign-in: RATE_LIMITED
   * after repeated ones); CONFLICT for an account without a password.
   */
  public static final String USERS_CHANGE_OWN_PASSWORD = "auth.users.change-own-password";
  /**
   * admin: {userId} → {oneTimePassword}: the user's password is replaced by one that must be
   * changed at the next sign-in ("passwordChangeRequired"); all their sign-ins end; NOT_FOUND.
   */
  public static final String USERS_RESET_PASSWORD = "auth.users.reset-password";
  /**
   * admin: {userId, deleteWorkspaces} → {}: the user and their sessions, tokens and identities
   * are deleted; CONFLICT for oneself, the last active admin, or (unless deleteWorkspaces) a user
   * who owns workspaces; NOT_FOUND.
   */
  public static final String USERS_DELETE = "auth.users.delete";

  /**
   * admin: {} → {lockouts: [{scope ("account-address"|"address"|"account"|"device"), userId?,
   * username?, login?, address?, failures, lockedUntil}]}: the sign-in limits reached now.
   */
  public static final String LOCKOUTS_LIST = "auth.lockouts.list";
  /** admin: {userId} → {cleared}: lifts every sign-in limit on the user's account. */
  public static final String LOCKOUTS_CLEAR_USER = "auth.lockouts.clear-user";
  /** admin: {address} → {cleared}: lifts the sign-in limits on a client address. */
  public static final String LOCKOUTS_CLEAR_ADDRESS = "auth.lockouts.clear-address";

  /**
   * {login (email or username), password, clientAddress, deviceToken?} → session, where session is
   * {user, accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, deviceToken?}.
   * The device token marks a client that has signed in to the account before: presented on later
   * sign-ins, it keeps that client out of the limits others' failures reach (the gateway keeps it in
   * a cookie and never shows it). UNAUTHENTICATED "invalid login or password" for any refused
   * credentials; RATE_LIMITED with a retry-after (see {@link RetryAfter}) after repeated failures.
   * A user's {@code passwordChangeRequired} means only changing it is allowed until it is changed.
   */
  public static final String SESSION_SIGN_IN = "auth.session.sign-in";
  /**
   * {refreshToken} → session (a new pair; the presented token is spent); CONFLICT with a retry-after
   * when it was spent moments ago by a racing request of the same client (nothing revoked; presented
   * again after that time it is accepted if its successor was never used: an answer that got lost);
   * UNAUTHENTICATED otherwise.
   */
  public static final String SESSION_REFRESH = "auth.session.refresh";
  /**
   * {refreshToken, postSignOutUri?} → {providerSignOutUrl?}; ends that sign-in's session; idempotent,
   * unknown tokens succeed too. For a sign-in through a provider configured to end its own session
   * as well, and given where the provider should send the browser afterwards, the URL to send it to.
   */
  public static final String SESSION_SIGN_OUT = "auth.session.sign-out";
  /**
   * {userId, sessionId} → {userId, role, username, passwordChangeRequired}: the user as they are
   * now, if active and that sign-in (an access token's {@code sid}) is still live; UNAUTHENTICATED
   * otherwise. The gateways ask it (cached briefly, dropped on {@link #EVENTS_ACCESS_CHANGED}) so
   * that every credential of a sign-in ends with it and a role change applies at once.
   */
  public static final String SESSION_VERIFY = "auth.session.verify";
  /**
   * Published {userId} whenever one of the user's sign-ins ends (sign-out, revocation, password
   * change or reset), their role or status changes, one of their API tokens is revoked, or they are
   * deleted; holders of cached credential checks drop that user's.
   */
  public static final String EVENTS_ACCESS_CHANGED = "auth.events.access-changed";

  /**
   * {} → {providers: [{id ("github", "google" or an OpenID Connect provider's id), name, iconUrl?,
   * available}]}: the providers enabled on this server, in the order they are offered; available is
   * whether the provider answered the last check.
   */
  public static final String OAUTH_PROVIDERS = "auth.oauth.providers";
  /**
   * {provider, redirectUri (absolute http(s) URL the provider sends the browser back to)} →
   * {authorizeUrl, state}: starts an OAuth2 sign-in (with PKCE) that can be completed once, within
   * 10 minutes (an OpenID Connect provider is also sent a nonce). NOT_FOUND for an unknown or
   * disabled provider; VALIDATION for another redirectUri; UNAVAILABLE "&lt;Provider&gt; cannot be
   * reached right now; …" when its endpoints cannot be discovered.
   */
  public static final String OAUTH_BEGIN = "auth.oauth.begin";
  /**
   * {provider, state, code, issuer?, clientAddress} → session (as {@link #SESSION_SIGN_IN}). The user
   * is the one the provider identity (issuer + subject) is linked to, else the user with the same
   * verified email (now linked), else a new user (no password) when the provider's sign-up is open
   * or the email's domain is allowed; where the provider maps groups to roles, the role follows them.
   * {@code issuer} is the {@code iss} the provider sent back with the code (RFC 9207), if any.
   * NOT_FOUND for an unknown or disabled provider; UNAUTHENTICATED "sign-in attempt expired or
   * invalid; start again" for an unknown, expired, used or other provider's state, and
   * UNAUTHENTICATED when the provider refuses the code or the account is suspended; FORBIDDEN
   * "your &lt;Provider&gt; email is not verified", "sign-up is closed; ask an admin for an account",
   * "your &lt;Provider&gt; account is in none of the groups allowed to sign in here; ask an admin",
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
  /** {token} → {userId, role, username, passwordChangeRequired}; UNAUTHENTICATED for unknown, revoked, expired or suspended. */
  public static final String API_TOKENS_AUTHENTICATE = "auth.api-tokens.authenticate";

  private AuthContract() {
  }
}
