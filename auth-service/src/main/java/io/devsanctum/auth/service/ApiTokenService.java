package io.devsanctum.auth.service;

import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import java.util.Map;
import io.devsanctum.auth.model.ScopedUser;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.ApiTokenRepository;
import io.devsanctum.auth.repository.DuplicateKeyException;
import io.devsanctum.common.authz.AccessPolicy;
import io.devsanctum.common.authz.Permission;
import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.auth.ApiToken;
import io.devsanctum.common.contract.auth.IssuedApiToken;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.ForbiddenException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.common.domain.UnauthenticatedException;
import io.devsanctum.common.paging.Page;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** API tokens for automation, each good for its scopes: created by their owner, listed and revoked by the owner or a user admin. */
public class ApiTokenService {

  private static final Logger LOG = LoggerFactory.getLogger(ApiTokenService.class);
  /** Marks the value as a DevSanctum token, so secret scanners and people recognise a leaked one. */
  static final String PREFIX = "dst_";
  static final int MAX_NAME_LENGTH = 64;

  private final ApiTokenRepository tokens;
  private final Authorizer authorizer;
  private final AccessEvents events;

  public ApiTokenService(ApiTokenRepository tokens, Authorizer authorizer, AccessEvents events) {
    this.tokens = tokens;
    this.authorizer = authorizer;
    this.events = events;
  }

  /**
   * @param expiresAt null for a token that does not expire
   * @param scopes what the token may be used for (null: {@code all}); only scopes of permissions the
   *     caller's role grants ({@link AccessPolicy#grantableScopes}), else FORBIDDEN naming one
   */
  public Future<IssuedApiToken> create(Caller caller, String name, Instant expiresAt, Set<Scope> scopes) {
    String trimmed = name == null ? "" : name.trim();
    if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
      return Future.failedFuture(new InvalidInputException("name", "must be 1 to 64 characters"));
    }
    if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
      return Future.failedFuture(new InvalidInputException("expiresAt", "must be in the future"));
    }
    if (scopes != null && scopes.isEmpty()) {
      return Future.failedFuture(new InvalidInputException("scopes", "name at least one scope (all: every one)"));
    }
    Set<Scope> held = scopes == null ? Scope.full() : scopes;
    return authorizer.activeUserWith(caller, Permission.ACCOUNT).compose(owner -> {
      Optional<String> refusal = AccessPolicy.scopeRefusal(owner.role(), held);
      if (refusal.isPresent()) {
        return Future.failedFuture(new ForbiddenException(refusal.get()));
      }
      String value = PREFIX + Secrets.newToken();
      ApiToken token = new ApiToken(UUID.randomUUID(), owner.id(), trimmed, held, null, null,
          expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC));
      // the token's value is a secret: its record names the token, never the value
      AuditRecord created = AuditRecord.success(caller, AuditAction.TOKEN_CREATE, token.id(), trimmed,
          AuditChange.created(Map.of("owner", owner.username(), "expiresAt", String.valueOf(token.expiresAt()),
              "scopes", Scope.join(held))));
      return tokens.insert(token, Secrets.sha256(value), created)
          .recover(failure -> failure instanceof DuplicateKeyException
              ? Future.failedFuture(new ConflictException("name: you already have a token with this name"))
              : Future.failedFuture(failure))
          .map(stored -> IssuedApiToken.of(stored, value))
          .onSuccess(issued -> LOG.info("API token {} created for user {} (scopes {})", issued.id(), owner.id(),
              Scope.join(held)));
    });
  }

  /** @param userId whose tokens; null for the caller's own. Another user's tokens need {@code user.read}. */
  public Future<Page<ApiToken>> list(Caller caller, UUID userId, PageRequest page) {
    UUID owner = userId == null ? caller.userId() : userId;
    Future<StoredUser> allowed = authorizer.activeUserWith(caller,
        owner.equals(caller.userId()) ? Permission.ACCOUNT : Permission.USER_READ);
    return allowed.compose(user -> tokens.pageUnrevoked(owner, page));
  }

  /**
   * Another user's token is revoked by who may change their account (an owner's: owners); to anyone
   * else it is NOT_FOUND, exactly like a token that does not exist.
   */
  public Future<Void> revoke(Caller caller, UUID tokenId) {
    Future<Void> notFound = Future.failedFuture(new NotFoundException("no API token " + tokenId));
    return authorizer.activeUserWith(caller, Permission.ACCOUNT)
        .compose(user -> tokens.findUnrevoked(tokenId))
        .compose(found -> {
          if (found.isEmpty()) {
            return notFound;
          }
          UUID owner = found.get().userId();
          AuditRecord revoked = AuditRecord.success(caller, AuditAction.TOKEN_REVOKE, tokenId, found.get().name(),
              AuditChange.NONE);
          // announced, so gateways that hold the token's answer in their caches drop it at once
          if (owner.equals(caller.userId())) {
            return tokens.revoke(tokenId, owner, null, revoked).onSuccess(done -> events.accessChanged(owner));
          }
          return AccessPolicy.allows(caller, Permission.USER_WRITE)
              ? authorizer.activeUserChanging(caller, owner, null)
                  .compose(target -> tokens.revoke(tokenId, owner, target.role(), revoked))
                  .recover(Authorizer::conflictIfRoleChanged)
                  .onSuccess(done -> events.accessChanged(owner))
              : notFound;
        })
        .onSuccess(done -> LOG.info("API token {} revoked by user {}", tokenId, caller.userId()));
  }

  /** The token's active owner, with the token's scopes; every reason for refusal gives the same answer. */
  public Future<ScopedUser> authenticate(String token) {
    Future<ScopedUser> refused = Future.failedFuture(new UnauthenticatedException("invalid API token"));
    if (token == null || !token.startsWith(PREFIX)) {
      return refused;
    }
    return tokens.useLiveToken(Secrets.sha256(token))
        .compose(owner -> owner.map(Future::succeededFuture).orElse(refused));
  }
}
