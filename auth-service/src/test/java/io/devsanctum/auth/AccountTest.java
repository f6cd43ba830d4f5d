package io.devsanctum.auth;

import static io.devsanctum.auth.AuthServiceFixture.ADMIN_PASSWORD;
import static io.devsanctum.auth.AuthServiceFixture.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Accounts after sign-up, over the event bus as the gateway drives them: changing one's password,
 * an admin's reset, deleting a user, and the sign-in limits an admin sees and lifts.
 */
class AccountTest {

  private AuthServiceFixture auth;
  private JsonObject admin;
  private JsonObject mia;
  private final List<JsonObject> announced = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    auth = new AuthServiceFixture();
    admin = auth.createFirstAdmin();
    mia = auth.createMember(admin, "mia");
    auth.vertx().eventBus().<JsonObject>consumer(AuthContract.EVENTS_ACCESS_CHANGED, m -> announced.add(m.body()))
        .completion().await();
  }

  @AfterEach
  void stop() {
    auth.close();
  }

  @Test
  void changingOnesPasswordNeedsTheCurrentOneAndEndsEveryOtherSignIn() {
    JsonObject here = auth.signIn("mia", MEMBER_PASSWORD);
    JsonObject elsewhere = auth.signIn("mia", MEMBER_PASSWORD);

    var wrong = auth.failure(AuthContract.USERS_CHANGE_OWN_PASSWORD,
        change("not-my-password", "a brand new password", here), mia, ErrorCode.VALIDATION);
    assertThat(wrong.getMessage()).startsWith("currentPassword:");
    auth.request(AuthContract.USERS_CHANGE_OWN_PASSWORD, change(MEMBER_PASSWORD, "a brand new password", here), mia);

    auth.request(AuthContract.SESSION_VERIFY, verify(mia, here), null); // the sign-in it came with goes on
    auth.failure(AuthContract.SESSION_VERIFY, verify(mia, elsewhere), null, ErrorCode.UNAUTHENTICATED);
    auth.failure(AuthContract.SESSION_REFRESH, refresh(elsewhere), null, ErrorCode.UNAUTHENTICATED);
    auth.failure(AuthContract.SESSION_SIGN_IN, AuthServiceFixture.signInBody("mia", MEMBER_PASSWORD), null,
        ErrorCode.UNAUTHENTICATED);
    assertThat(auth.signIn("mia", "a brand new password").getString("accessToken")).isNotBlank();
    awaitAnnouncementAbout(mia);
  }

  @Test
  void anAdminsResetEndsTheUsersSignInsAndTheOneTimePasswordMustBeReplacedFirst() {
    JsonObject before = auth.signIn("mia", MEMBER_PASSWORD);

    String oneTime = auth.request(AuthContract.USERS_RESET_PASSWORD, new JsonObject().put("userId", id(mia)), admin)
        .getString("oneTimePassword");

    assertThat(oneTime).matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}");
    auth.failure(AuthContract.SESSION_VERIFY, verify(mia, before), null, ErrorCode.UNAUTHENTICATED);
    awaitAnnouncementAbout(mia);
    auth.failure(AuthContract.SESSION_SIGN_IN, AuthServiceFixture.signInBody("mia", MEMBER_PASSWORD), null,
        ErrorCode.UNAUTHENTICATED);
    JsonObject signedIn = auth.signIn("mia", oneTime);
    assertThat(signedIn.getJsonObject("user").getBoolean("passwordChangeRequired")).isTrue();
    assertThat(auth.request(AuthContract.SESSION_VERIFY, verify(mia, signedIn), null).getBoolean("passwordChangeRequired"))
        .as("what gateways learn of the sign-in").isTrue();

    auth.request(AuthContract.USERS_CHANGE_OWN_PASSWORD, change(oneTime, "mia's own password", signedIn), mia);

    assertThat(auth.request(AuthContract.SESSION_VERIFY, verify(mia, signedIn), null).getBoolean("passwordChangeRequired"))
        .isFalse();
    assertThat(auth.request(AuthContract.USERS_ME, new JsonObject(), mia).getBoolean("passwordChangeRequired")).isFalse();
  }

  @Test
  void resettingIsForAdmins() {
    auth.failure(AuthContract.USERS_RESET_PASSWORD, new JsonObject().put("userId", id(admin)), mia, ErrorCode.FORBIDDEN);
  }

  @Test
  void aUserWhoOwnsWorkspacesIsDeletedOnlyWithThem() {
    List<JsonObject> releases = new CopyOnWriteArrayList<>();
    // workspace-service's side of WorkspaceContract.releaseOwner: it refuses while the owner has workspaces,
    // unless asked to delete them
    MessageConsumer<JsonObject> workspaces = auth.vertx().eventBus().consumer(WorkspaceContract.ADDRESS + ".releaseOwner",
        message -> {
          releases.add(message.body());
          if (message.body().getBoolean("deleteWorkspaces")) {
            message.reply(new JsonObject().put("value", 2));
          } else {
            message.reply(BusFailure.of(ErrorCode.CONFLICT, "the user owns 2 workspaces (a, b); delete them first"));
          }
        });
    workspaces.completion().await();
    JsonObject session = auth.signIn("mia", MEMBER_PASSWORD);

    var refused = auth.failure(AuthContract.USERS_DELETE, new JsonObject().put("userId", id(mia)), admin, ErrorCode.CONFLICT);
    assertThat(refused.getMessage()).contains("owns 2 workspaces");
    auth.request(AuthContract.SESSION_VERIFY, verify(mia, session), null); // nothing happened to her

    auth.request(AuthContract.USERS_DELETE, new JsonObject().put("userId", id(mia)).put("deleteWorkspaces", true), admin);

    assertThat(releases).extracting(release -> release.getBoolean("deleteWorkspaces")).containsExactly(false, true);
    assertThat(releases).allSatisfy(release -> assertThat(release.getString("ownerId")).isEqualTo(id(mia)));
    auth.failure(AuthContract.SESSION_VERIFY, verify(mia, session), null, ErrorCode.UNAUTHENTICATED);
    auth.failure(AuthContract.SESSION_SIGN_IN, AuthServiceFixture.signInBody("mia", MEMBER_PASSWORD), null,
        ErrorCode.UNAUTHENTICATED);
    assertThat(auth.request(AuthContract.USERS_LIST, new JsonObject(), admin).getJsonArray("users"))
        .extracting(user -> ((JsonObject) user).getString("username")).containsExactly("admin");
    auth.failure(AuthContract.USERS_DELETE, new JsonObject().put("userId", id(mia)), admin, ErrorCode.NOT_FOUND);
    awaitAnnouncementAbout(mia);
  }

  @Test
  void anAdminCannotDeleteThemselves() {
    var refused = auth.failure(AuthContract.USERS_DELETE, new JsonObject().put("userId", id(admin)), admin,
        ErrorCode.CONFLICT);
    assertThat(refused.getMessage()).isEqualTo("you cannot delete yourself");
  }

  @Test
  void theOwnersKnownBrowserSignsInWhileGuessesFromEverywhereHaveLockedTheAccountForOthers() {
    String deviceToken = auth.signIn("mia", MEMBER_PASSWORD).getString("deviceToken");
    assertThat(deviceToken).isNotBlank();
    for (int i = 0; i < 30; i++) {
      auth.failure(AuthContract.SESSION_SIGN_IN, new JsonObject().put("login", "mia").put("password", "guess-" + i)
          .put("clientAddress", "198.51.100." + i), null, ErrorCode.UNAUTHENTICATED);
    }

    auth.failure(AuthContract.SESSION_SIGN_IN, AuthServiceFixture.signInBody("mia", MEMBER_PASSWORD), null,
        ErrorCode.RATE_LIMITED);
    JsonObject known = auth.request(AuthContract.SESSION_SIGN_IN,
        AuthServiceFixture.signInBody("mia", MEMBER_PASSWORD).put("deviceToken", deviceToken), null);
    assertThat(known.getString("accessToken")).isNotBlank();
    assertThat(known.getString("deviceToken")).as("the same device stays known").isEqualTo(deviceToken);
    // another user's device token is no key to this account
    String adminsDevice = auth.signIn("admin", ADMIN_PASSWORD).getString("deviceToken");
    auth.failure(AuthContract.SESSION_SIGN_IN,
        AuthServiceFixture.signInBody("mia", MEMBER_PASSWORD).put("deviceToken", adminsDevice), null, ErrorCode.RATE_LIMITED);
  }

  @Test
  void anAdminSeesTheLockoutsAndLiftsThem() {
    for (int i = 0; i < 5; i++) {
      auth.failure(AuthContract.SESSION_SIGN_IN, AuthServiceFixture.signInBody("mia", "guess-" + i), null,
          ErrorCode.UNAUTHENTICATED);
    }
    auth.failure(AuthContract.SESSION_SIGN_IN, AuthServiceFixture.signInBody("mia", MEMBER_PASSWORD), null,
        ErrorCode.RATE_LIMITED);

    JsonObject lockout = auth.request(AuthContract.LOCKOUTS_LIST, new JsonObject(), admin).getJsonArray("lockouts")
        .getJsonObject(0);
    assertThat(lockout.getString("scope")).isEqualTo("account-address");
    assertThat(lockout.getString("username")).isEqualTo("mia");
    assertThat(lockout.getString("address")).isEqualTo(AuthServiceFixture.CLIENT_ADDRESS);
    assertThat(lockout.getLong("failures")).isEqualTo(5);
    auth.failure(AuthContract.LOCKOUTS_LIST, new JsonObject(), mia, ErrorCode.FORBIDDEN);

    auth.request(AuthContract.LOCKOUTS_CLEAR_USER, new JsonObject().put("userId", id(mia)), admin);

    assertThat(auth.request(AuthContract.LOCKOUTS_LIST, new JsonObject(), admin).getJsonArray("lockouts")).isEmpty();
    assertThat(auth.signIn("mia", MEMBER_PASSWORD).getString("accessToken")).isNotBlank();
  }

  private void awaitAnnouncementAbout(JsonObject user) {
    await().atMost(Duration.ofSeconds(5))
        .until(() -> announced.contains(new JsonObject().put("userId", id(user))));
  }

  private static JsonObject change(String current, String next, JsonObject session) {
    return new JsonObject().put("currentPassword", current).put("newPassword", next)
        .put("clientAddress", AuthServiceFixture.CLIENT_ADDRESS).put("sessionId", sessionIdOf(session));
  }

  private static JsonObject verify(JsonObject user, JsonObject session) {
    return new JsonObject().put("userId", id(user)).put("sessionId", sessionIdOf(session));
  }

  private static JsonObject refresh(JsonObject session) {
    return new JsonObject().put("refreshToken", session.getString("refreshToken"));
  }

  private static String id(JsonObject user) {
    return user.getString("id");
  }

  /** The {@code sid} claim of the session's access token. */
  private static String sessionIdOf(JsonObject session) {
    String payload = session.getString("accessToken").split("\\.")[1];
    return new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).getString("sid");
  }
}
