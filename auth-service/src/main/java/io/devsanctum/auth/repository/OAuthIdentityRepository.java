package io.devsanctum.auth.repository;

import io.devsanctum.auth.model.OAuthIdentity;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Which user each identity at an OAuth2 or OpenID Connect provider belongs to. */
public interface OAuthIdentityRepository {

  Future<Optional<StoredUser>> findUser(String issuer, String subject);

  /** Links the identity to an existing user; an identity that is linked already stays as it is. */
  Future<Void> link(OAuthIdentity identity, UUID userId);

  /**
   * Creates the user, links the identity to them and writes {@code audit} (the sign-up's record,
   * to the audit outbox) in one transaction. Fails with {@link DuplicateKeyException} naming
   * "email", "username" or "identity" when one is taken, leaving nothing behind.
   */
  Future<StoredUser> insertUserWithIdentity(StoredUser user, OAuthIdentity identity, AuditRecord audit);

  /** The issuers each of these users has an identity at (users with none are left out). */
  Future<Map<UUID, List<String>>> issuersOf(List<UUID> userIds);
}
