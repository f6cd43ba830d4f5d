package io.devsanctum.auth.repository.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.auth.AuthVerticle;
import io.devsanctum.auth.model.AccessChange;
import io.devsanctum.auth.model.StoredUser;
import io.devsanctum.auth.repository.RoleChangedException;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.audit.AuditAction;
import io.devsanctum.common.contract.audit.AuditChange;
import io.devsanctum.common.contract.audit.AuditRecord;
import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.contract.auth.ApiToken;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.UserStatus;
import io.devsanctum.common.db.PgPools;
import io.devsanctum.common.db.SchemaMigrator;
import io.devsanctum.common.testkit.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A change authorized on the target's role is written only while the target still has it: a user
 * admin's decision about a member does not carry over to the owner that member became meanwhile.
 */
@ExtendWith(VertxExtension.class)
class AccountWritesDecidedOnRoleTest {

  private static final Caller USER_ADMIN = new Caller(UUID.randomUUID(), Role.USER_ADMIN, "uma");

  private Pool pool;
  private PgUserRepository users;
  private StoredUser promoted;

  @BeforeEach
  void start(Vertx vertx) {
    var database = TestDatabase.freshDatabase();
    SchemaMigrator.migrate(vertx, database, AuthVerticle.SCHEMA).await();
    pool = PgPools.create(vertx, database, "account-writes-test");
    users = new PgUserRepository(pool);
    StoredUser root = user("root", Role.OWNER);
    users.insert(root, audit(AuditAction.USER_CREATE, root)).await();
    StoredUser mia = user("mia", Role.MEMBER);
    StoredUser member = users.insert(mia, audit(AuditAction.USER_CREATE, mia)).await();
    // what happens between a user admin's check of mia (a member) and its write: an owner promotes her
    promoted = users.updateAccess(member.id(), null, AccessChange.role(Role.OWNER),
        audit(AuditAction.USER_ROLE_CHANGE, member)).await().orElseThrow();
  }

  @AfterEach
  void stop() {
    pool.close().await();
  }

  @Test
  void aSuspensionDecidedOnAMemberIsNotAppliedToTheOwnerTheyBecame() {
    assertThatThrownBy(() -> users.updateAccess(promoted.id(), Role.MEMBER, AccessChange.status(UserStatus.SUSPENDED),
        audit(AuditAction.USER_SUSPEND, promoted)).await())
        .isInstanceOf(RoleChangedException.class).hasMessageContaining("from member");

    assertThat(users.findById(promoted.id()).await().orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
  }

  @Test
  void aPasswordResetDecidedOnAMemberIsNotAppliedToTheOwnerTheyBecame() {
    assertThatThrownBy(() -> users.updatePassword(promoted.id(), Role.MEMBER, "reset-hash", true,
        audit(AuditAction.PASSWORD_RESET, promoted)).await())
        .isInstanceOf(RoleChangedException.class);

    assertThat(users.findById(promoted.id()).await().orElseThrow().passwordHash()).isEqualTo("hash-of-mia");
  }

  @Test
  void aDeletionDecidedOnAMemberDoesNotDeleteTheOwnerTheyBecame() {
    assertThatThrownBy(() -> users.delete(promoted.id(), Role.MEMBER, audit(AuditAction.USER_DELETE, promoted))
        .await())
        .isInstanceOf(RoleChangedException.class);

    assertThat(users.findById(promoted.id()).await()).isPresent();
  }

  @Test
  void aTokenRevocationDecidedOnAMemberDoesNotRevokeTheTokenOfTheOwnerTheyBecame() {
    var tokens = new PgApiTokenRepository(pool);
    ApiToken token = tokens.insert(new ApiToken(UUID.randomUUID(), promoted.id(), "laptop", Set.of(Scope.ALL), null,
        null, null), new byte[32], audit(AuditAction.TOKEN_CREATE, promoted)).await();

    assertThatThrownBy(() -> tokens.revoke(token.id(), promoted.id(), Role.MEMBER,
        audit(AuditAction.TOKEN_REVOKE, promoted)).await())
        .isInstanceOf(RoleChangedException.class);
    assertThat(tokens.findUnrevoked(token.id()).await()).isPresent();

    tokens.revoke(token.id(), promoted.id(), Role.OWNER, audit(AuditAction.TOKEN_REVOKE, promoted)).await();
    assertThat(tokens.findUnrevoked(token.id()).await()).isEmpty();
  }

  @Test
  void aChangeDecidedOnTheRoleTheUserStillHasIsWritten() {
    assertThat(users.updateAccess(promoted.id(), Role.OWNER, AccessChange.status(UserStatus.SUSPENDED),
        audit(AuditAction.USER_SUSPEND, promoted)).await().orElseThrow().status()).isEqualTo(UserStatus.SUSPENDED);
    assertThat(users.delete(promoted.id(), Role.OWNER, audit(AuditAction.USER_DELETE, promoted)).await()).isTrue();
  }

  private static StoredUser user(String username, Role role) {
    return new StoredUser(UUID.randomUUID(), username + "@example.com", username, username, role, UserStatus.ACTIVE,
        "hash-of-" + username, null);
  }

  private static AuditRecord audit(AuditAction action, StoredUser target) {
    return AuditRecord.success(USER_ADMIN, action, target.id(), target.username(), AuditChange.NONE);
  }
}
