package io.devsanctum.auth;

import static io.devsanctum.auth.AuthServiceFixture.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.ErrorCode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserAdminTest {

  private AuthServiceFixture auth;
  private JsonObject admin;

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
    JsonObject member = auth.createMember(admin, "mia");
    assertThat(member.getString("role")).isEqualTo("member");
    assertThat(member.getString("status")).isEqualTo("active");
    assertThat(member.containsKey("passwordHash")).isFalse();

    JsonObject session = auth.signIn("mia@example.com", MEMBER_PASSWORD);
    assertThat(auth.request(AuthContract.USERS_ME, new JsonObject(), session.getJsonObject("user")))
        .isEqualTo(member);

    var users = auth.request(AuthContract.USERS_LIST, new JsonObject(), admin).getJsonArray("users");
    assertThat(users).extracting(u -> ((JsonObject) u).getString("username")).containsExactly("admin", "mia");
  }

  @Test
  void membersAreForbiddenEveryAdminOperation() {
    JsonObject member = auth.createMember(admin, "mia");
    JsonObject adminId = new JsonObject().put("userId", admin.getString("id"));

    auth.failure(AuthContract.USERS_LIST, new JsonObject(), member, ErrorCode.FORBIDDEN);
    auth.failure(AuthContract.USERS_CREATE, new JsonObject().put("email", "x@example.com").put("username", "x")
        .put("password", MEMBER_PASSWORD), member, ErrorCode.FORBIDDEN);
    auth.failure(AuthContract.USERS_SUSPEND, adminId, member, ErrorCode.FORBIDDEN);
    auth.failure(AuthContract.USERS_REACTIVATE, adminId, member, ErrorCode.FORBIDDEN);
    auth.failure(AuthContract.USERS_CHANGE_ROLE, adminId.copy().put("role", "member"), member, ErrorCode.FORBIDDEN);
  }

  @Test
  void aMemberClaimingTheAdminRoleInTheHeadersIsStillForbidden() {
    JsonObject member = auth.createMember(admin, "mia");

    auth.failure(AuthContract.USERS_LIST, new JsonObject(), member.copy().put("role", "admin"), ErrorCode.FORBIDDEN);
  }

  @Test
  void requestsWithoutCallerHeadersAreUnauthenticated() {
    auth.failure(AuthContract.USERS_ME, new JsonObject(), null, ErrorCode.UNAUTHENTICATED);
    auth.failure(AuthContract.USERS_LIST, new JsonObject(), null, ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void takenEmailOrUsernameIsAConflictNamingTheField() {
    auth.createMember(admin, "mia");

    var sameUsername = auth.failure(AuthContract.USERS_CREATE, new JsonObject().put("email", "other@example.com")
        .put("username", "mia").put("password", MEMBER_PASSWORD), admin, ErrorCode.CONFLICT);
    assertThat(sameUsername.getMessage()).startsWith("username:");
    var sameEmail = auth.failure(AuthContract.USERS_CREATE, new JsonObject().put("email", "MIA@example.com")
        .put("username", "mia2").put("password", MEMBER_PASSWORD), admin, ErrorCode.CONFLICT);
    assertThat(sameEmail.getMessage()).startsWith("email:");
    auth.failure(AuthContract.USERS_CREATE, new JsonObject().put("email", "bad").put("username", "bob")
        .put("password", MEMBER_PASSWORD), admin, ErrorCode.VALIDATION);
  }

  @Test
  void anAdminCannotSuspendThemself() {
    auth.failure(AuthContract.USERS_SUSPEND, new JsonObject().put("userId", admin.getString("id")), admin,
        ErrorCode.CONFLICT);
  }

  @Test
  void theLastActiveAdminCannotBeDemotedButOneOfTwoCan() {
    JsonObject adminId = new JsonObject().put("userId", admin.getString("id")).put("role", "member");
    var refused = auth.failure(AuthContract.USERS_CHANGE_ROLE, adminId, admin, ErrorCode.CONFLICT);
    assertThat(refused.getMessage()).contains("no active admin");

    JsonObject second = auth.createMember(admin, "sam");
    JsonObject promoted = auth.request(AuthContract.USERS_CHANGE_ROLE,
        new JsonObject().put("userId", second.getString("id")).put("role", "admin"), admin);
    assertThat(promoted.getString("role")).isEqualTo("admin");

    JsonObject demoted = auth.request(AuthContract.USERS_CHANGE_ROLE, adminId, promoted);
    assertThat(demoted.getString("role")).isEqualTo("member");
    // the demoted admin's token still says admin, but the service checks the database
    auth.failure(AuthContract.USERS_LIST, new JsonObject(), admin, ErrorCode.FORBIDDEN);
  }

  @Test
  void suspendingAndReactivatingUnknownUsersIsNotFound() {
    JsonObject unknown = new JsonObject().put("userId", java.util.UUID.randomUUID().toString());
    auth.failure(AuthContract.USERS_SUSPEND, unknown, admin, ErrorCode.NOT_FOUND);
    auth.failure(AuthContract.USERS_REACTIVATE, unknown, admin, ErrorCode.NOT_FOUND);
  }
}
