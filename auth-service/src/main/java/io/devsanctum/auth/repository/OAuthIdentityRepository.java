package io.devsanctum.auth.repository;

import io.devsanctum.auth.model.OAuthIdentity;
import io.devsanctum.auth.model.StoredUser;
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
   * Creates the user and links the identity to them in one transaction. Fails with
   * {@link DuplicateKeyException} naming "email", "username" or "identity" when one is taken,
   * leaving nothing behind.
   */
  Future<StoredUser> insertUserWithIdentity(StoredUser user, OAuthIdentity identity);

  /** The issuers each of these users has an identity at (users with none are left out). */
  Future<Map<UUID, List<String>>> issuersOf(List<UUID> userIds);
}
