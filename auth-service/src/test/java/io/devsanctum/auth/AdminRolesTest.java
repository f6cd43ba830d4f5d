package io.devsanctum.auth;

import static io.devsanctum.auth.AuthServiceFixture.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.contract.auth.NewUser;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.User;
import io.devsanctum.common.contract.auth.UserStatus;
import io.devsanctum.common.paging.PageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What user admins, template admins and auditors may do to accounts, checked by auth-service itself. */
class AdminRolesTest {

  private AuthServiceFixture auth;
  private User owner;
  private User member;
  private Caller userAdmin;

  @BeforeEach
  void start() {
    auth = new AuthServiceFixture();
    owner = auth.createFirstAdmin();
    member = auth.createMember(owner, "mia");
    userAdmin = as(Role.USER_ADMIN, "uma");
  }

  @AfterEach
  void stop() {
    auth.close();
  }

  private Caller as(Role role, String username) {
    User user = auth.createMember(owner, username);
    return auth.caller(auth.auth().changeRole(auth.caller(owner), user.id(), role).await());
  }

  @Test
  void aUserAdminManagesMembersAccountsRolesBelowOwnerAndLockouts() {
    assertThat(auth.auth().changeRole(userAdmin, member.id(), Role.TEMPLATE_ADMIN).await().role())
        .isEqualTo(Role.TEMPLATE_ADMIN);
    assertThat(auth.auth().suspend(userAdmin, member.id()).await().status()).isEqualTo(UserStatus.SUSPENDED);
    assertThat(auth.auth().reactivate(userAdmin, member.id()).await().status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(auth.auth().resetPassword(userAdmin, member.id()).await()).isNotBlank();
    User created = auth.auth().createUser(userAdmin, new NewUser("x@example.com", "xavier", null, MEMBER_PASSWORD),
        Role.AUDITOR).await();
    assertThat(created.role()).isEqualTo(Role.AUDITOR);
    auth.auth().clearUserLockouts(userAdmin, owner.id()).await(); // helping an owner in is no change to their account
    assertThat(auth.auth().users(userAdmin, PageRequest.first()).await().items()).hasSize(4);
  }

  @Test
  void aUserAdminCannotGrantOwnerNorChangeSuspendResetOrDeleteAnOwner() {
    auth.refusal(auth.auth().changeRole(userAdmin, member.id(), Role.OWNER), ErrorCode.FORBIDDEN);
    auth.refusal(auth.auth().createUser(userAdmin, new NewUser("o@example.com", "otto", null, MEMBER_PASSWORD),
        Role.OWNER), ErrorCode.FORBIDDEN);
    var refused = auth.refusal(auth.auth().suspend(userAdmin, owner.id()), ErrorCode.FORBIDDEN);
    assertThat(refused.getMessage()).contains("owner.write");
    auth.refusal(auth.auth().changeRole(userAdmin, owner.id(), Role.MEMBER), ErrorCode.FORBIDDEN);
    auth.refusal(auth.auth().resetPassword(userAdmin, owner.id()), ErrorCode.FORBIDDEN);
    auth.refusal(auth.auth().deleteUser(userAdmin, owner.id(), false), ErrorCode.FORBIDDEN);

    User still = auth.auth().user(auth.caller(owner), owner.id()).await();
    assertThat(still.role()).isEqualTo(Role.OWNER);
    assertThat(still.status()).isEqualTo(UserStatus.ACTIVE);
    assertThat(member.role()).isEqualTo(Role.MEMBER);
  }

  @Test
  void theLastActiveOwnerCannotBeDemotedOrSuspendedEvenByAnOwner() {
    Caller second = as(Role.OWNER, "olga");
    auth.auth().changeRole(second, owner.id(), Role.MEMBER).await();
    var refused = auth.refusal(auth.auth().suspend(auth.caller(owner), second.userId()), ErrorCode.FORBIDDEN);
    assertThat(refused.getMessage()).as("the demoted owner is a member now").contains("user.write");
    auth.refusal(auth.auth().changeRole(second, second.userId(), Role.MEMBER), ErrorCode.CONFLICT);
  }

  @Test
  void auditorsReadUsersAndTemplateAdminsNoneAndNeitherChangesAnAccount() {
    Caller auditor = as(Role.AUDITOR, "aud");
    Caller templateAdmin = as(Role.TEMPLATE_ADMIN, "tia");

    assertThat(auth.auth().users(auditor, PageRequest.first()).await().items()).isNotEmpty();
    assertThat(auth.auth().user(auditor, member.id()).await().username()).isEqualTo("mia");
    auth.refusal(auth.auth().suspend(auditor, member.id()), ErrorCode.FORBIDDEN);
    assertThat(auth.auth().apiTokens(auditor, owner.id(), PageRequest.first()).await().items()).isEmpty();

    auth.refusal(auth.auth().users(templateAdmin, PageRequest.first()), ErrorCode.FORBIDDEN);
    auth.refusal(auth.auth().user(templateAdmin, member.id()), ErrorCode.NOT_FOUND);
    auth.refusal(auth.auth().apiTokens(templateAdmin, member.id(), PageRequest.first()), ErrorCode.FORBIDDEN);
    auth.refusal(auth.auth().changeRole(templateAdmin, member.id(), Role.AUDITOR), ErrorCode.FORBIDDEN);
  }
}
