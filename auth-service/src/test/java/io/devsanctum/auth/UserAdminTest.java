package io.devsanctum.auth;

import static io.devsanctum.auth.AuthServiceFixture.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.auth.NewUser;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.Session;
import io.devsanctum.common.contract.auth.User;
import io.devsanctum.common.contract.auth.UserStatus;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserAdminTest {

  private AuthServiceFixture auth;
  private User admin;

  @BeforeEach
  void start() {
    auth = new AuthServiceFixture();
    admin = auth.createFirstAdmin();
  }

  @AfterEach
  void stop() {
    auth.close();
  }

  @Test
  void anAdminCreatesAMemberWhoCanSignInAndSeeThemself() {
    User member = auth.createMember(admin, "mia");
    assertThat(member.role()).isEqualTo(Role.MEMBER);
    assertThat(member.status()).isEqualTo(UserStatus.ACTIVE);
    // the user as it travels: the typed client would drop a field User does not declare
    assertThat(auth.raw("user", new JsonObject().put("userId", member.id().toString()), auth.caller(admin)).await()
        .getJsonObject("value").containsKey("passwordHash")).isFalse();

    Session session = auth.signIn("mia@example.com", MEMBER_PASSWORD);
    assertThat(auth.auth().me(auth.caller(session.user())).await()).isEqualTo(member);

    assertThat(auth.auth().users(auth.caller(admin), PageRequest.first()).await().items()).extracting(listed -> listed.user().username())
        .containsExactly("admin", "mia");
  }

  @Test
  void membersAreForbiddenEveryAdminOperation() {
    Caller member = auth.caller(auth.createMember(admin, "mia"));

    auth.refusal(auth.auth().users(member, PageRequest.first()), ErrorCode.FORBIDDEN);
    auth.refusal(auth.auth().createUser(member, new NewUser("x@example.com", "x", null, MEMBER_PASSWORD), null),
        ErrorCode.FORBIDDEN);
    auth.refusal(auth.auth().suspend(member, admin.id()), ErrorCode.FORBIDDEN);
    auth.refusal(auth.auth().reactivate(member, admin.id()), ErrorCode.FORBIDDEN);
    auth.refusal(auth.auth().changeRole(member, admin.id(), Role.MEMBER), ErrorCode.FORBIDDEN);
  }

  @Test
  void aMemberClaimingTheAdminRoleInTheHeadersIsStillForbidden() {
    User member = auth.createMember(admin, "mia");

    auth.refusal(auth.auth().users(new Caller(member.id(), Role.OWNER, member.username()), PageRequest.first()), ErrorCode.FORBIDDEN);
  }

  @Test
  void requestsWithoutCallerHeadersAreUnauthenticated() {
    auth.refusal(auth.raw("me", new JsonObject(), null), ErrorCode.UNAUTHENTICATED);
    auth.refusal(auth.raw("users", new JsonObject().put("page", ContractJson.toJson(PageRequest.first())), null),
        ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void takenEmailOrUsernameIsAConflictNamingTheField() {
    auth.createMember(admin, "mia");

    var sameUsername = auth.refusal(auth.auth().createUser(auth.caller(admin),
        new NewUser("other@example.com", "mia", null, MEMBER_PASSWORD), null), ErrorCode.CONFLICT);
    assertThat(sameUsername.getMessage()).startsWith("username:");
    var sameEmail = auth.refusal(auth.auth().createUser(auth.caller(admin),
        new NewUser("MIA@example.com", "mia2", null, MEMBER_PASSWORD), null), ErrorCode.CONFLICT);
    assertThat(sameEmail.getMessage()).startsWith("email:");
    auth.refusal(auth.auth().createUser(auth.caller(admin), new NewUser("bad", "bob", null, MEMBER_PASSWORD), null),
        ErrorCode.VALIDATION);
  }

  @Test
  void anAdminCannotSuspendThemself() {
    auth.refusal(auth.auth().suspend(auth.caller(admin), admin.id()), ErrorCode.CONFLICT);
  }

  @Test
  void theLastActiveOwnerCannotBeDemotedButOneOfTwoCan() {
    var refused = auth.refusal(auth.auth().changeRole(auth.caller(admin), admin.id(), Role.MEMBER),
        ErrorCode.CONFLICT);
    assertThat(refused.getMessage()).contains("no active owner");

    User second = auth.createMember(admin, "sam");
    User promoted = auth.auth().changeRole(auth.caller(admin), second.id(), Role.OWNER).await();
    assertThat(promoted.role()).isEqualTo(Role.OWNER);

    User demoted = auth.auth().changeRole(auth.caller(promoted), admin.id(), Role.MEMBER).await();
    assertThat(demoted.role()).isEqualTo(Role.MEMBER);
    // the demoted admin's token still says admin, but the service checks the database
    auth.refusal(auth.auth().users(auth.caller(admin), PageRequest.first()), ErrorCode.FORBIDDEN);
  }

  @Test
  void suspendingAndReactivatingUnknownUsersIsNotFound() {
    UUID unknown = UUID.randomUUID();
    auth.refusal(auth.auth().suspend(auth.caller(admin), unknown), ErrorCode.NOT_FOUND);
    auth.refusal(auth.auth().reactivate(auth.caller(admin), unknown), ErrorCode.NOT_FOUND);
  }
}
