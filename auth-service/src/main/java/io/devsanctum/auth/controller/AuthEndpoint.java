package io.devsanctum.auth.controller;

import io.devsanctum.auth.model.ScopedUser;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.service.ApiTokenService;
import io.devsanctum.auth.service.OAuthSignInService;
import io.devsanctum.auth.service.PasswordService;
import io.devsanctum.auth.service.SessionService;
import io.devsanctum.auth.service.SetupService;
import io.devsanctum.auth.service.SigningKeyService;
import io.devsanctum.auth.service.SshKeyService;
import io.devsanctum.auth.service.UserAdminService;
import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.ApiToken;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.contract.auth.Identity;
import io.devsanctum.common.contract.auth.IssuedApiToken;
import io.devsanctum.common.contract.auth.ListedUser;
import io.devsanctum.common.contract.auth.NewUser;
import io.devsanctum.common.contract.auth.OAuthStart;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.Session;
import io.devsanctum.common.contract.auth.SignInLockout;
import io.devsanctum.common.contract.auth.SignInProvider;
import io.devsanctum.common.contract.auth.SignedOut;
import io.devsanctum.common.contract.auth.SshHostKey;
import io.devsanctum.common.contract.auth.SshKey;
import io.devsanctum.common.contract.auth.User;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.devsanctum.common.validation.TextRules;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * auth-service's side of {@link AuthContract}: each call to the service that decides it. Every text
 * it is given is one line (logins, tokens, names, addresses): none has a use for control
 * characters, and PostgreSQL refuses NUL.
 */
public class AuthEndpoint implements AuthContract {

  /** Longer than any value the API lets through; a bound for callers other than the gateway. */
  private static final int MAX_TEXT = 4096;

  private final SetupService setup;
  private final UserAdminService users;
  private final PasswordService passwords;
  private final SessionService sessions;
  private final SigningKeyService keys;
  private final OAuthSignInService oauth;
  private final ApiTokenService tokens;
  private final SshKeyService sshKeys;

  public AuthEndpoint(SetupService setup, UserAdminService users, PasswordService passwords, SessionService sessions,
      SigningKeyService keys, OAuthSignInService oauth, ApiTokenService tokens, SshKeyService sshKeys) {
    this.setup = setup;
    this.users = users;
    this.passwords = passwords;
    this.sessions = sessions;
    this.keys = keys;
    this.oauth = oauth;
    this.tokens = tokens;
    this.sshKeys = sshKeys;
  }

  @Override
  public Future<Boolean> firstUserRequired() {
    return setup.firstUserRequired();
  }

  @Override
  public Future<User> createFirstAdmin(NewUser user) {
    return setup.createFirstAdmin(line(user)).map(StoredUser::profile);
  }

  @Override
  public Future<User> me(Caller caller) {
    return users.me(caller).map(StoredUser::profile);
  }

  @Override
  public Future<User> user(Caller caller, UUID userId) {
    return users.get(caller, userId).map(StoredUser::profile);
  }

  @Override
  public Future<Page<ListedUser>> users(Caller caller, PageRequest page) {
    return users.list(caller, page);
  }

  @Override
  public Future<User> createUser(Caller caller, NewUser user, Role role) {
    return users.create(caller, line(user), role == null ? Role.MEMBER : role).map(StoredUser::profile);
  }

  @Override
  public Future<User> suspend(Caller caller, UUID userId) {
    return users.suspend(caller, userId).map(StoredUser::profile);
  }

  @Override
  public Future<User> reactivate(Caller caller, UUID userId) {
    return users.reactivate(caller, userId).map(StoredUser::profile);
  }

  @Override
  public Future<User> changeRole(Caller caller, UUID userId, Role role) {
    return users.changeRole(caller, userId, role).map(StoredUser::profile);
  }

  @Override
  public Future<User> changeOwnPassword(Caller caller, UUID sessionId, String currentPassword, String newPassword,
      String clientAddress) {
    return passwords.changeOwn(caller, sessionId, line("currentPassword", currentPassword),
            line("newPassword", newPassword), line("clientAddress", clientAddress))
        .map(StoredUser::profile);
  }

  @Override
  public Future<String> resetPassword(Caller caller, UUID userId) {
    return passwords.reset(caller, userId);
  }

  @Override
  public Future<Void> deleteUser(Caller caller, UUID userId, boolean deleteWorkspaces) {
    return users.delete(caller, userId, deleteWorkspaces);
  }

  @Override
  public Future<List<SignInLockout>> lockouts(Caller caller) {
    return users.lockouts(caller);
  }

  @Override
  public Future<Integer> clearUserLockouts(Caller caller, UUID userId) {
    return users.unlock(caller, userId);
  }

  @Override
  public Future<Integer> clearAddressLockouts(Caller caller, String address) {
    return users.unlockAddress(caller, line("address", address));
  }

  @Override
  public Future<Session> signIn(String login, String password, String clientAddress, String deviceToken) {
    return sessions.signIn(line("login", login), line("password", password), line("clientAddress", clientAddress),
        optionalLine("deviceToken", deviceToken));
  }

  @Override
  public Future<Session> refresh(String refreshToken) {
    return sessions.refresh(line("refreshToken", refreshToken));
  }

  @Override
  public Future<SignedOut> signOut(String refreshToken, String postSignOutUri) {
    return oauth.signOut(line("refreshToken", refreshToken), optionalLine("postSignOutUri", postSignOutUri));
  }

  @Override
  public Future<Identity> verifySession(UUID userId, UUID sessionId) {
    return sessions.verify(userId, sessionId).map(StoredUser::identity);
  }

  @Override
  public Future<List<SignInProvider>> signInProviders() {
    return oauth.offered();
  }

  @Override
  public Future<OAuthStart> beginOAuth(String provider, String redirectUri) {
    return oauth.begin(line("provider", provider), line("redirectUri", redirectUri));
  }

  @Override
  public Future<Session> completeOAuth(String provider, String state, String code, String issuer,
      String browserBinding, String clientAddress) {
    return oauth.complete(line("provider", provider), line("state", state), line("code", code),
        optionalLine("issuer", issuer), optionalLine("browserBinding", browserBinding),
        line("clientAddress", clientAddress));
  }

  @Override
  public Future<JsonObject> jwks() {
    return keys.jwks().map(jwks -> new JsonObject().put("keys", new JsonArray(jwks)));
  }

  @Override
  public Future<IssuedApiToken> createApiToken(Caller caller, String name, OffsetDateTime expiresAt, Set<Scope> scopes) {
    return tokens.create(caller, line("name", name), expiresAt == null ? null : expiresAt.toInstant(), scopes);
  }

  @Override
  public Future<Page<ApiToken>> apiTokens(Caller caller, UUID userId, PageRequest page) {
    return tokens.list(caller, userId, page);
  }

  @Override
  public Future<Void> revokeApiToken(Caller caller, UUID tokenId) {
    return tokens.revoke(caller, tokenId);
  }

  @Override
  public Future<Identity> authenticateApiToken(String token) {
    return tokens.authenticate(line("token", token)).map(ScopedUser::identity);
  }

  @Override
  public Future<SshKey> addSshKey(Caller caller, String name, String publicKey) {
    return sshKeys.add(caller, line("name", name), line("publicKey", publicKey));
  }

  @Override
  public Future<Page<SshKey>> sshKeys(Caller caller, PageRequest page) {
    return sshKeys.list(caller, page);
  }

  @Override
  public Future<Void> deleteSshKey(Caller caller, UUID keyId) {
    return sshKeys.delete(caller, keyId);
  }

  @Override
  public Future<Identity> authenticateSshKey(String publicKey) {
    return sshKeys.authenticate(line("publicKey", publicKey)).map(StoredUser::identity);
  }

  @Override
  public Future<Void> recordSshKeyUse(String publicKey) {
    return sshKeys.recordUse(line("publicKey", publicKey));
  }

  @Override
  public Future<SshHostKey> sshHostKey(Caller caller) {
    return sshKeys.hostKey(caller);
  }

  /** A required text: not blank (a blank login or address is as good as none), one line. */
  private static String line(String field, String text) {
    if (text.isBlank()) {
      throw new InvalidInputException(field, "required");
    }
    return TextRules.singleLine(field, text, MAX_TEXT);
  }

  /** A text that may be absent; one line when given. */
  private static String optionalLine(String field, String text) {
    return TextRules.singleLine(field, text, MAX_TEXT);
  }

  private static NewUser line(NewUser user) {
    return new NewUser(line("email", user.email()), line("username", user.username()),
        optionalLine("displayName", user.displayName()), line("password", user.password()));
  }
}
