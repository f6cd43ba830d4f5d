package io.devsanctum.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

  private AuthServiceFixture auth;
  private JsonObject admin;
  private JsonObject member;

  @BeforeEach
  void start() {
    auth = new AuthServiceFixture();
    admin = auth.createFirstAdmin();
    member = auth.createMember(admin, "mia");
  }

  @AfterEach
  void stop() {
    auth.close();
  }

  @Test
  void aCreatedTokenAuthenticatesItsOwnerAndIsShownOnlyOnce() {
    JsonObject created = create(member, "ci");

    assertThat(created.getString("token")).startsWith("dst_");
    assertThat(created.getString("name")).isEqualTo("ci");
    assertThat(created.getString("createdAt")).isNotNull();

    JsonObject identity = authenticate(created.getString("token"));
    assertThat(identity).isEqualTo(new JsonObject()
        .put("userId", member.getString("id")).put("role", "member").put("username", "mia")
        .put("passwordChangeRequired", false));

    JsonObject listed = auth.request(AuthContract.API_TOKENS_LIST, new JsonObject(), member)
        .getJsonArray("tokens").getJsonObject(0);
    assertThat(listed.getString("id")).isEqualTo(created.getString("id"));
    assertThat(listed.getString("lastUsedAt")).isNotNull();
    assertThat(listed.containsKey("token")).isFalse();
    assertThat(listed.encode()).doesNotContain(created.getString("token"));
  }

  @Test
  void aRevokedTokenNoLongerAuthenticates() {
    JsonObject created = create(member, "ci");

    auth.request(AuthContract.API_TOKENS_REVOKE, new JsonObject().put("tokenId", created.getString("id")), member);

    auth.failure(AuthContract.API_TOKENS_AUTHENTICATE, token(created), null, ErrorCode.UNAUTHENTICATED);
    assertThat(auth.request(AuthContract.API_TOKENS_LIST, new JsonObject(), member).getJsonArray("tokens")).isEmpty();
  }

  @Test
  void anExpiredTokenNoLongerAuthenticates() {
    JsonObject created = auth.request(AuthContract.API_TOKENS_CREATE, new JsonObject().put("name", "ci")
        .put("expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()), member);
    authenticate(created.getString("token"));

    auth.sql("UPDATE auth.api_tokens SET expires_at = now() - interval '1 second'");

    auth.failure(AuthContract.API_TOKENS_AUTHENTICATE, token(created), null, ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void anUnknownTokenIsRefused() {
    auth.failure(AuthContract.API_TOKENS_AUTHENTICATE, new JsonObject().put("token", "dst_nope"), null,
        ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void aSuspendedUsersTokensStopWorkingUntilReactivation() {
    JsonObject created = create(member, "ci");
    JsonObject userId = new JsonObject().put("userId", member.getString("id"));

    auth.request(AuthContract.USERS_SUSPEND, userId, admin);
    auth.failure(AuthContract.API_TOKENS_AUTHENTICATE, token(created), null, ErrorCode.UNAUTHENTICATED);

    auth.request(AuthContract.USERS_REACTIVATE, userId, admin);
    assertThat(authenticate(created.getString("token")).getString("userId")).isEqualTo(member.getString("id"));
  }

  @Test
  void aMemberCannotSeeOrRevokeAnotherUsersTokensButAnAdminCan() {
    JsonObject adminToken = create(admin, "admin-ci");
    JsonObject memberToken = create(member, "ci");
    JsonObject adminTokenId = new JsonObject().put("tokenId", adminToken.getString("id"));

    auth.failure(AuthContract.API_TOKENS_LIST, new JsonObject().put("userId", admin.getString("id")), member,
        ErrorCode.FORBIDDEN);
    auth.failure(AuthContract.API_TOKENS_REVOKE, adminTokenId, member, ErrorCode.NOT_FOUND);
    authenticate(adminToken.getString("token"));

    var membersTokens = auth.request(AuthContract.API_TOKENS_LIST,
        new JsonObject().put("userId", member.getString("id")), admin).getJsonArray("tokens");
    assertThat(membersTokens).hasSize(1);
    auth.request(AuthContract.API_TOKENS_REVOKE, new JsonObject().put("tokenId", memberToken.getString("id")), admin);
    auth.failure(AuthContract.API_TOKENS_AUTHENTICATE, token(memberToken), null, ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void aLiveNameIsUniquePerUserButMayBeReusedAfterRevocation() {
    JsonObject first = create(member, "ci");
    auth.failure(AuthContract.API_TOKENS_CREATE, new JsonObject().put("name", "ci"), member, ErrorCode.CONFLICT);
    create(admin, "ci"); // another user's namespace

    auth.request(AuthContract.API_TOKENS_REVOKE, new JsonObject().put("tokenId", first.getString("id")), member);
    assertThat(create(member, "ci").getString("id")).isNotEqualTo(first.getString("id"));
  }

  @Test
  void creatingATokenNeedsACallerAndAFutureExpiry() {
    auth.failure(AuthContract.API_TOKENS_CREATE, new JsonObject().put("name", "ci"), null, ErrorCode.UNAUTHENTICATED);
    auth.failure(AuthContract.API_TOKENS_CREATE, new JsonObject().put("name", "ci")
        .put("expiresAt", Instant.now().minusSeconds(60).toString()), member, ErrorCode.VALIDATION);
  }

  private JsonObject create(JsonObject owner, String name) {
    return auth.request(AuthContract.API_TOKENS_CREATE, new JsonObject().put("name", name), owner);
  }

  private JsonObject authenticate(String token) {
    return auth.request(AuthContract.API_TOKENS_AUTHENTICATE, new JsonObject().put("token", token), null);
  }

  private static JsonObject token(JsonObject created) {
    return new JsonObject().put("token", created.getString("token"));
  }
}
