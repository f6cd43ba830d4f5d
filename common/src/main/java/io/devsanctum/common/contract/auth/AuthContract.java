package io.devsanctum.common.contract.auth;

import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.Idempotent;
import io.devsanctum.common.bus.Nullable;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * auth-service: users, sign-in and sessions, OAuth2 and OpenID Connect sign-in, API tokens. Operations taking a
 * {@link Caller} are for signed-in users (UNAUTHENTICATED for an unknown or suspended one); those
 * marked with a permission also refuse FORBIDDEN to a caller whose role (checked against the
 * database: a role in a token may predate a demotion) or credential's scopes lack it (common's
 * AccessPolicy; an owner's account, or making one, needs {@code owner.write}). Refusals: VALIDATION (naming the field),
 * NOT_FOUND, CONFLICT, RATE_LIMITED (with a retry time).
 */
public interface AuthContract {

  String ADDRESS = "auth";
  /**
   * Published ({@link AccessChanged}) whenever one of the user's sign-ins ends (sign-out,
   * revocation, password change or reset), their role or status changes, one of their API tokens is
   * revoked, one of their SSH keys is deleted, or they are deleted; holders of cached credential checks drop that user's.
   */
  String EVENTS_ACCESS_CHANGED = "auth.events.access-changed";

  /** Whether first-run setup still needs its first admin. */
  @Idempotent
  Future<Boolean> firstUserRequired();

  /** The first admin; CONFLICT once any user exists. */
  Future<User> createFirstAdmin(NewUser user);

  /** The caller as they are now. */
  @Idempotent
  Future<User> me(Caller caller);

  /** NOT_FOUND for no such user, or for another user when the caller may not read users. */
  @Idempotent
  Future<User> user(Caller caller, UUID userId);

  /**
   * Admins: a page of all users, in order of creation, with the ways each signs in. VALIDATION
   * (field {@code cursor}) for a cursor no page of this list gave.
   */
  @Idempotent
  Future<Page<ListedUser>> users(Caller caller, PageRequest page);

  /** Admins: CONFLICT when the email or username is taken; a member unless {@code role} says otherwise. */
  Future<User> createUser(Caller caller, NewUser user, @Nullable Role role);

  /** Admins: ends their sign-ins; their API tokens stop working. CONFLICT for oneself. */
  @Idempotent
  Future<User> suspend(Caller caller, UUID userId);

  /** Admins: their API tokens that are neither revoked nor expired work again. */
  @Idempotent
  Future<User> reactivate(Caller caller, UUID userId);

  /** user.write (owner.write for an owner, or to make one): CONFLICT when it would leave no active owner. */
  @Idempotent
  Future<User> changeRole(Caller caller, UUID userId, Role role);

  /**
   * Every sign-in of the caller but {@code sessionId} (the one the request came with; absent for API
   * tokens) ends. VALIDATION on {@code currentPassword} for a wrong one (counted like a failed
   * sign-in: RATE_LIMITED after repeated ones); CONFLICT for an account without a password.
   */
  Future<User> changeOwnPassword(Caller caller, @Nullable UUID sessionId, String currentPassword, String newPassword,
      String clientAddress);

  /**
   * Admins: the user's password becomes a one-time one, which must be changed at the next sign-in;
   * all their sign-ins end. Answers the one-time password.
   */
  Future<String> resetPassword(Caller caller, UUID userId);

  /**
   * Admins: the user and their sessions, tokens and identities go; CONFLICT for oneself, the last
   * active owner, or (unless {@code deleteWorkspaces}) a user who owns workspaces.
   */
  Future<Void> deleteUser(Caller caller, UUID userId, boolean deleteWorkspaces);

  /** Admins: the sign-in limits reached now. */
  @Idempotent
  Future<List<SignInLockout>> lockouts(Caller caller);

  /** Admins: lifts every sign-in limit on the user's account; how many were lifted. */
  Future<Integer> clearUserLockouts(Caller caller, UUID userId);

  /** Admins: lifts the sign-in limits on a client address; how many were lifted. */
  Future<Integer> clearAddressLockouts(Caller caller, String address);

  /**
   * Signs in with a login (email or username) and password. The device token marks a client that
   * has signed in to the account before: presented again, it keeps that client out of the limits
   * others' failures reach. UNAUTHENTICATED "invalid login or password" for any refused
   * credentials; RATE_LIMITED after repeated failures.
   */
  Future<Session> signIn(String login, String password, String clientAddress, @Nullable String deviceToken);

  /**
   * A new pair for a refresh token (which is spent); CONFLICT with a retry time when it was spent
   * moments ago by a racing request of the same client (presented again after that time it is
   * accepted if its successor was never used: an answer that got lost); UNAUTHENTICATED otherwise.
   */
  Future<Session> refresh(String refreshToken);

  /**
   * Ends that sign-in; unknown tokens succeed too. For a sign-in through a provider configured to
   * end its own session as well, and given where the provider should send the browser afterwards
   * ({@code postSignOutUri}), the provider's URL to send it to, answered again to a sign-out repeated
   * within a minute (a retry).
   */
  @Idempotent
  Future<SignedOut> signOut(String refreshToken, @Nullable String postSignOutUri);

  /**
   * The user as they are now, if active and that sign-in (an access token's {@code sid}) is still
   * live; UNAUTHENTICATED otherwise. Gateways ask it (briefly cached, dropped on
   * {@link #EVENTS_ACCESS_CHANGED}) so that every credential of a sign-in ends with it.
   */
  @Idempotent
  Future<Identity> verifySession(UUID userId, UUID sessionId);

  /**
   * The enabled providers (GitHub, Google, then the OpenID Connect ones), in the order they are
   * offered, each with whether it answered the last check.
   */
  @Idempotent
  Future<List<SignInProvider>> signInProviders();

  /**
   * Starts an OAuth2 sign-in (with PKCE; an OpenID Connect provider is also sent a nonce) that can
   * be completed once, within 10 minutes, by the browser that holds its {@code browserBinding}. NOT_FOUND for an unknown or disabled provider; VALIDATION
   * for another redirect URI than ours; UNAVAILABLE "&lt;Provider&gt; cannot be reached right now; …"
   * when its endpoints cannot be discovered.
   */
  Future<OAuthStart> beginOAuth(String provider, String redirectUri);

  /**
   * Completes an OAuth2 sign-in: the user linked to the provider identity (issuer + subject), else
   * the one with the same verified email (now linked), else a new user when the provider's sign-up
   * allows; where the provider maps groups to roles, the role follows them at every sign-in.
   * {@code issuer} is the {@code iss} the provider sent back with the code (RFC 9207), if any;
   * {@code browserBinding} the {@link OAuthStart#browserBinding()} the browser holds, if any.
   * UNAUTHENTICATED for an unknown, expired or used state, a state presented without its browser
   * binding (it is spent all the same), a refused code, an ID token that does not hold, or another
   * issuer; FORBIDDEN for an unverified email, closed sign-up or a person in
   * none of the allowed groups; CONFLICT when a concurrent sign-in took the email or identity.
   */
  Future<Session> completeOAuth(String provider, String state, String code, @Nullable String issuer,
      @Nullable String browserBinding, String clientAddress);

  /** The public keys access tokens are verified with, as a JWK set ({@code {keys: [...]}}). */
  @Idempotent
  Future<JsonObject> jwks();

  /**
   * A token for the caller, good for {@code scopes} (null: {@code all}), shown in this answer only;
   * FORBIDDEN naming a scope the caller's role may not hold, CONFLICT for a duplicate live name.
   */
  Future<IssuedApiToken> createApiToken(Caller caller, String name, @Nullable OffsetDateTime expiresAt,
      @Nullable Set<Scope> scopes);

  /** A page of the live tokens of the caller, or (for those who read users) of {@code userId}, newest first. */
  @Idempotent
  Future<Page<ApiToken>> apiTokens(Caller caller, @Nullable UUID userId, PageRequest page);

  /**
   * Own tokens, or anyone's for those who change users (an owner's: owners); NOT_FOUND for unknown,
   * revoked or (to one who may not) another user's.
   */
  Future<Void> revokeApiToken(Caller caller, UUID tokenId);

  /** Who an API token stands for, with the token's scopes; UNAUTHENTICATED for unknown, revoked, expired or a suspended user's. */
  @Idempotent
  Future<Identity> authenticateApiToken(String token);

  /**
   * Registers an SSH public key (one line, as in {@code authorized_keys}; a comment is dropped) for
   * the caller. VALIDATION on {@code publicKey} for an unreadable or weak key (RSA under 2048 bits);
   * CONFLICT for a duplicate name, or a key that is already registered (by anyone: a key stands for one user).
   */
  Future<SshKey> addSshKey(Caller caller, String name, String publicKey);

  /** A page of the caller's SSH keys, newest first. */
  @Idempotent
  Future<Page<SshKey>> sshKeys(Caller caller, PageRequest page);

  /** One of the caller's keys; NOT_FOUND for an unknown one or another user's. Its SSH sessions end. */
  Future<Void> deleteSshKey(Caller caller, UUID keyId);

  /**
   * Who a registered SSH public key (OpenSSH one-line form) stands for; UNAUTHENTICATED for an
   * unknown key or a suspended user's. Asking is not use (a client asks before it signs, a gateway
   * while a session lives): see {@link #recordSshKeyUse}.
   */
  @Idempotent
  Future<Identity> authenticateSshKey(String publicKey);

  /** A sign-in the key's signature proved: the key's last-used time (written at most once a minute). */
  @Idempotent
  Future<Void> recordSshKeyUse(String publicKey);

  /**
   * Services: the SSH host key every gateway presents, made at first request and kept in the
   * database, so that clients see one host whichever gateway answers. FORBIDDEN to users.
   */
  @Idempotent
  Future<SshHostKey> sshHostKey(Caller caller);
}
