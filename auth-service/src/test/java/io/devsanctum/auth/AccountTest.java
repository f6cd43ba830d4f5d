package io.devsanctum.auth;

import static io.devsanctum.auth.AuthServiceFixture.ADMIN_PASSWORD;
import static io.devsanctum.auth.AuthServiceFixture.CLIENT_ADDRESS;
import static io.devsanctum.auth.AuthServiceFixture.MEMBER_PASSWORD;
import static io.devsanctum.auth.AuthServiceFixture.sessionIdOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.devsanctum.common.bus.BusAnswer;
import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.auth.AccessChanged;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.contract.auth.Session;
import io.devsanctum.common.contract.auth.SignInLockout;
import io.devsanctum.common.contract.auth.User;
import io.devsanctum.common.contract.workspace.WorkspaceContract;
import io.devsanctum.common.paging.PageRequest;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
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
  private User admin;
  private User mia;
  private final List<AccessChanged> announced = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    auth = new AuthServiceFixture();
    admin = auth.createFirstAdmin();
    mia = auth.createMember(admin, "mia");
    TypedBus.subscribe(auth.vertx(), AuthContract.EVENTS_ACCESS_CHANGED, AccessChanged.class, announced::add)
        .completion().await();
  }

  @AfterEach
  void stop() {
    auth.close();
  }

  @Test
  void changingOnesPasswordNeedsTheCurrentOneAndEndsEveryOtherSignIn() {
    Session here = auth.signIn("mia", MEMBER_PASSWORD);
    Session elsewhere = auth.signIn("mia", MEMBER_PASSWORD);

    var wrong = auth.refusal(auth.auth().changeOwnPassword(auth.caller(mia), sessionIdOf(here), "not-my-password",
        "a brand new password", CLIENT_ADDRESS), ErrorCode.VALIDATION);
    assertThat(wrong.getMessage()).startsWith("currentPassword:");
    auth.auth().changeOwnPassword(auth.caller(mia), sessionIdOf(here), MEMBER_PASSWORD, "a brand new password",
        CLIENT_ADDRESS).await();

    auth.auth().verifySession(mia.id(), sessionIdOf(here)).await(); // the sign-in it came with goes on
    auth.refusal(auth.auth().verifySession(mia.id(), sessionIdOf(elsewhere)), ErrorCode.UNAUTHENTICATED);
    auth.refusal(auth.auth().refresh(elsewhere.refreshToken()), ErrorCode.UNAUTHENTICATED);
    auth.refusal(auth.signInAttempt("mia", MEMBER_PASSWORD), ErrorCode.UNAUTHENTICATED);
    assertThat(auth.signIn("mia", "a brand new password").accessToken()).isNotBlank();
    awaitAnnouncementAbout(mia);
  }

  @Test
  void anAdminsResetEndsTheUsersSignInsAndTheOneTimePasswordMustBeReplacedFirst() {
    Session before = auth.signIn("mia", MEMBER_PASSWORD);

    String oneTime = auth.auth().resetPassword(auth.caller(admin), mia.id()).await();

    assertThat(oneTime).matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}");
    auth.refusal(auth.auth().verifySession(mia.id(), sessionIdOf(before)), ErrorCode.UNAUTHENTICATED);
    awaitAnnouncementAbout(mia);
    auth.refusal(auth.signInAttempt("mia", MEMBER_PASSWORD), ErrorCode.UNAUTHENTICATED);
    Session signedIn = auth.signIn("mia", oneTime);
    assertThat(signedIn.user().passwordChangeRequired()).isTrue();
    assertThat(auth.auth().verifySession(mia.id(), sessionIdOf(signedIn)).await().passwordChangeRequired())
        .as("what gateways learn of the sign-in").isTrue();

    auth.auth().changeOwnPassword(auth.caller(mia), sessionIdOf(signedIn), oneTime, "mia's own password",
        CLIENT_ADDRESS).await();

    assertThat(auth.auth().verifySession(mia.id(), sessionIdOf(signedIn)).await().passwordChangeRequired()).isFalse();
    assertThat(auth.auth().me(auth.caller(mia)).await().passwordChangeRequired()).isFalse();
  }

  @Test
  void resettingIsForAdmins() {
    auth.refusal(auth.auth().resetPassword(auth.caller(mia), admin.id()), ErrorCode.FORBIDDEN);
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
            message.reply(BusAnswer.of(2));
          } else {
            message.reply(BusFailure.of(ErrorCode.CONFLICT, "the user owns 2 workspaces (a, b); delete them first"));
          }
        });
    workspaces.completion().await();
    Session session = auth.signIn("mia", MEMBER_PASSWORD);

    var refused = auth.refusal(auth.auth().deleteUser(auth.caller(admin), mia.id(), false), ErrorCode.CONFLICT);
    assertThat(refused.getMessage()).contains("owns 2 workspaces");
    auth.auth().verifySession(mia.id(), sessionIdOf(session)).await(); // nothing happened to her

    auth.auth().deleteUser(auth.caller(admin), mia.id(), true).await();

    assertThat(releases).extracting(release -> release.getBoolean("deleteWorkspaces")).containsExactly(false, true);
    assertThat(releases).allSatisfy(release -> assertThat(release.getString("ownerId")).isEqualTo(mia.id().toString()));
    auth.refusal(auth.auth().verifySession(mia.id(), sessionIdOf(session)), ErrorCode.UNAUTHENTICATED);
    auth.refusal(auth.signInAttempt("mia", MEMBER_PASSWORD), ErrorCode.UNAUTHENTICATED);
    assertThat(auth.auth().users(auth.caller(admin), PageRequest.first()).await().items()).extracting(listed -> listed.user().username()).containsExactly("admin");
    auth.refusal(auth.auth().deleteUser(auth.caller(admin), mia.id(), false), ErrorCode.NOT_FOUND);
    awaitAnnouncementAbout(mia);
  }

  @Test
  void anAdminCannotDeleteThemselves() {
    var refused = auth.refusal(auth.auth().deleteUser(auth.caller(admin), admin.id(), false), ErrorCode.CONFLICT);
    assertThat(refused.getMessage()).isEqualTo("you cannot delete yourself");
  }

  @Test
  void theOwnersKnownBrowserSignsInWhileGuessesFromEverywhereHaveLockedTheAccountForOthers() {
    String deviceToken = auth.signIn("mia", MEMBER_PASSWORD).deviceToken();
    assertThat(deviceToken).isNotBlank();
    for (int i = 0; i < 30; i++) {
      auth.refusal(auth.auth().signIn("mia", "guess-" + i, "198.51.100." + i, null), ErrorCode.UNAUTHENTICATED);
    }

    auth.refusal(auth.signInAttempt("mia", MEMBER_PASSWORD), ErrorCode.RATE_LIMITED);
    Session known = auth.auth().signIn("mia", MEMBER_PASSWORD, CLIENT_ADDRESS, deviceToken).await();
    assertThat(known.accessToken()).isNotBlank();
    assertThat(known.deviceToken()).as("the same device stays known").isEqualTo(deviceToken);
    // another user's device token is no key to this account
    String adminsDevice = auth.signIn("admin", ADMIN_PASSWORD).deviceToken();
    auth.refusal(auth.auth().signIn("mia", MEMBER_PASSWORD, CLIENT_ADDRESS, adminsDevice), ErrorCode.RATE_LIMITED);
  }

  @Test
  void anAdminSeesTheLockoutsAndLiftsThem() {
    for (int i = 0; i < 5; i++) {
      auth.refusal(auth.signInAttempt("mia", "guess-" + i), ErrorCode.UNAUTHENTICATED);
    }
    auth.refusal(auth.signInAttempt("mia", MEMBER_PASSWORD), ErrorCode.RATE_LIMITED);

    SignInLockout lockout = auth.auth().lockouts(auth.caller(admin)).await().get(0);
    assertThat(lockout.scope()).isEqualTo(SignInLockout.Scope.ACCOUNT_ADDRESS);
    assertThat(lockout.username()).isEqualTo("mia");
    assertThat(lockout.address()).isEqualTo(CLIENT_ADDRESS);
    assertThat(lockout.failures()).isEqualTo(5);
    auth.refusal(auth.auth().lockouts(auth.caller(mia)), ErrorCode.FORBIDDEN);

    auth.auth().clearUserLockouts(auth.caller(admin), mia.id()).await();

    assertThat(auth.auth().lockouts(auth.caller(admin)).await()).isEmpty();
    assertThat(auth.signIn("mia", MEMBER_PASSWORD).accessToken()).isNotBlank();
  }

  private void awaitAnnouncementAbout(User user) {
    await().atMost(Duration.ofSeconds(5)).until(() -> announced.contains(new AccessChanged(user.id())));
  }
}
