package io.devsanctum.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.authz.Scope;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.auth.ApiToken;
import io.devsanctum.common.contract.auth.Identity;
import io.devsanctum.common.contract.auth.IssuedApiToken;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.User;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

  private AuthServiceFixture auth;
  private User admin;
  private User member;

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
    IssuedApiToken created = create(member, "ci");

    assertThat(created.token()).startsWith("dst_");
    assertThat(created.name()).isEqualTo("ci");
    assertThat(created.createdAt()).isNotNull();

    Identity identity = authenticate(created.token());
    assertThat(identity).isEqualTo(new Identity(member.id(), Role.MEMBER, "mia", false, Scope.full()));

    ApiToken listed = auth.auth().apiTokens(auth.caller(member), null, PageRequest.first()).await().items().get(0);
    assertThat(listed.id()).isEqualTo(created.id());
    assertThat(listed.lastUsedAt()).isNotNull();
    // the listing as it travels: the typed client would drop a field ApiToken does not declare
    JsonObject listedOnTheWire = auth.raw("apiTokens", new JsonObject().put("page", ContractJson.toJson(PageRequest.first())),
            auth.caller(member)).await()
        .getJsonObject("value").getJsonArray("items").getJsonObject(0);
    assertThat(listedOnTheWire.containsKey("token")).isFalse();
    assertThat(listedOnTheWire.encode()).doesNotContain(created.token());
  }

  @Test
  void aRevokedTokenNoLongerAuthenticates() {
    IssuedApiToken created = create(member, "ci");

    auth.auth().revokeApiToken(auth.caller(member), created.id()).await();

    auth.refusal(auth.auth().authenticateApiToken(created.token()), ErrorCode.UNAUTHENTICATED);
    assertThat(auth.auth().apiTokens(auth.caller(member), null, PageRequest.first()).await().items()).isEmpty();
  }

  @Test
  void anExpiredTokenNoLongerAuthenticates() {
    IssuedApiToken created = auth.auth().createApiToken(auth.caller(member), "ci", OffsetDateTime.now().plusDays(1), null)
        .await();
    authenticate(created.token());

    auth.sql("UPDATE auth.api_tokens SET expires_at = now() - interval '1 second'");

    auth.refusal(auth.auth().authenticateApiToken(created.token()), ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void anUnknownTokenIsRefused() {
    auth.refusal(auth.auth().authenticateApiToken("dst_nope"), ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void aSuspendedUsersTokensStopWorkingUntilReactivation() {
    IssuedApiToken created = create(member, "ci");

    auth.auth().suspend(auth.caller(admin), member.id()).await();
    auth.refusal(auth.auth().authenticateApiToken(created.token()), ErrorCode.UNAUTHENTICATED);

    auth.auth().reactivate(auth.caller(admin), member.id()).await();
    assertThat(authenticate(created.token()).userId()).isEqualTo(member.id());
  }

  @Test
  void aMemberCannotSeeOrRevokeAnotherUsersTokensButAnAdminCan() {
    IssuedApiToken adminToken = create(admin, "admin-ci");
    IssuedApiToken memberToken = create(member, "ci");

    auth.refusal(auth.auth().apiTokens(auth.caller(member), admin.id(), PageRequest.first()), ErrorCode.FORBIDDEN);
    auth.refusal(auth.auth().revokeApiToken(auth.caller(member), adminToken.id()), ErrorCode.NOT_FOUND);
    authenticate(adminToken.token());

    assertThat(auth.auth().apiTokens(auth.caller(admin), member.id(), PageRequest.first()).await().items()).hasSize(1);
    auth.auth().revokeApiToken(auth.caller(admin), memberToken.id()).await();
    auth.refusal(auth.auth().authenticateApiToken(memberToken.token()), ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void aLiveNameIsUniquePerUserButMayBeReusedAfterRevocation() {
    IssuedApiToken first = create(member, "ci");
    auth.refusal(auth.auth().createApiToken(auth.caller(member), "ci", null, null), ErrorCode.CONFLICT);
    create(admin, "ci"); // another user's namespace

    auth.auth().revokeApiToken(auth.caller(member), first.id()).await();
    assertThat(create(member, "ci").id()).isNotEqualTo(first.id());
  }

  @Test
  void creatingATokenNeedsACallerAndAFutureExpiry() {
    auth.refusal(auth.raw("createApiToken", new JsonObject().put("name", "ci"), null), ErrorCode.UNAUTHENTICATED);
    auth.refusal(auth.auth().createApiToken(auth.caller(member), "ci", OffsetDateTime.now().minusSeconds(60), null),
        ErrorCode.VALIDATION);
  }

  @Test
  void aTokenCarriesTheScopesItWasMadeWithAndItsUserAsTheyAreNow() {
    IssuedApiToken reader = auth.auth().createApiToken(auth.caller(member), "reader", null,
        Set.of(Scope.WORKSPACES_READ, Scope.WORKSPACES_CONNECT)).await();
    assertThat(reader.scopes()).containsExactlyInAnyOrder(Scope.WORKSPACES_READ, Scope.WORKSPACES_CONNECT);
    assertThat(authenticate(reader.token()).scopes()).containsExactlyInAnyOrder(Scope.WORKSPACES_READ,
        Scope.WORKSPACES_CONNECT);
    assertThat(auth.auth().apiTokens(auth.caller(member), null, PageRequest.first()).await().items()).singleElement()
        .satisfies(listed -> assertThat(listed.scopes()).containsExactlyInAnyOrder(Scope.WORKSPACES_READ,
            Scope.WORKSPACES_CONNECT));
    assertThat(authenticate(create(member, "full").token()).scopes()).containsExactly(Scope.ALL);
  }

  @Test
  void aTokenMayHoldOnlyScopesItsUsersRoleHasAndATokenMakesNoTokens() {
    var refused = auth.refusal(auth.auth().createApiToken(auth.caller(member), "admin", null,
        Set.of(Scope.WORKSPACES_READ, Scope.USERS_WRITE)), ErrorCode.FORBIDDEN);
    assertThat(refused.getMessage()).isEqualTo("the role member may not hold the scope users:write");
    auth.refusal(auth.auth().createApiToken(auth.caller(member), "none", null, Set.of()), ErrorCode.VALIDATION);
    assertThat(auth.auth().createApiToken(auth.caller(admin), "users", null, Set.of(Scope.USERS_WRITE)).await().scopes())
        .containsExactly(Scope.USERS_WRITE);

    Caller scoped = auth.caller(member).withScopes(Set.of(Scope.WORKSPACES_READ));
    assertThat(auth.refusal(auth.auth().createApiToken(scoped, "more", null, null), ErrorCode.FORBIDDEN).getMessage())
        .isEqualTo("this API token lacks the scope all");
  }

  @Test
  void tokensFromBeforeScopesKeepTheirUsersFullRights() {
    IssuedApiToken old = auth.auth().createApiToken(auth.caller(member), "old", null, Set.of(Scope.TEMPLATES_READ))
        .await();
    // what the migration gives a row that existed before the column: its default
    auth.sql("UPDATE auth.api_tokens SET scopes = DEFAULT");
    assertThat(authenticate(old.token()).scopes()).containsExactly(Scope.ALL);
  }

  private IssuedApiToken create(User owner, String name) {
    return auth.auth().createApiToken(auth.caller(owner), name, null, null).await();
  }

  private Identity authenticate(String token) {
    return auth.auth().authenticateApiToken(token).await();
  }
}
