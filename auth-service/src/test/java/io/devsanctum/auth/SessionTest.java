package io.devsanctum.auth;

import static io.devsanctum.auth.AuthServiceFixture.ADMIN_PASSWORD;
import static io.devsanctum.auth.AuthServiceFixture.MEMBER_PASSWORD;
import static io.devsanctum.auth.AuthServiceFixture.sessionIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.FieldError;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.auth.AccessChanged;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.contract.auth.Role;
import io.devsanctum.common.contract.auth.Session;
import io.devsanctum.common.contract.auth.User;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTest {

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
  void signInByEmailOrUsernameReturnsTheUserAndBothTokens() {
    Session byUsername = auth.signIn("admin", ADMIN_PASSWORD);
    Session byEmail = auth.signIn("Admin@Example.com", ADMIN_PASSWORD);

    assertThat(byUsername.user().id()).isEqualTo(admin.id());
    assertThat(byEmail.user().id()).isEqualTo(admin.id());
    assertThat(byUsername.accessToken()).isNotBlank();
    assertThat(byUsername.refreshToken()).matches("[A-Za-z0-9_-]{43}");
    assertThat(byUsername.refreshTokenExpiresAt())
        .isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60), Instant.now().plus(Duration.ofDays(30)));
  }

  @Test
  void unknownLoginAndWrongPasswordGiveTheSameAnswer() {
    var wrongPassword = auth.refusal(auth.signInAttempt("admin", "not-the-password"), ErrorCode.UNAUTHENTICATED);
    var unknownLogin = auth.refusal(auth.signInAttempt("nobody", "not-the-password"), ErrorCode.UNAUTHENTICATED);

    assertThat(wrongPassword.getMessage()).isEqualTo("invalid login or password");
    assertThat(unknownLogin.getMessage()).isEqualTo(wrongPassword.getMessage());
  }

  @Test
  void blankTextIsRefusedAsMissingNotTriedAsCredentials() {
    var blankLogin = auth.refusal(auth.auth().signIn(" ", "x", AuthServiceFixture.CLIENT_ADDRESS, null),
        ErrorCode.VALIDATION);
    var blankAddress = auth.refusal(auth.auth().signIn("admin", ADMIN_PASSWORD, "  ", null), ErrorCode.VALIDATION);
    var blankToken = auth.refusal(auth.auth().signOut(" ", null), ErrorCode.VALIDATION);

    assertThat(blankLogin.fieldErrors()).extracting(FieldError::field).containsExactly("login");
    assertThat(blankAddress.fieldErrors()).extracting(FieldError::field).containsExactly("clientAddress");
    assertThat(blankToken.fieldErrors()).extracting(FieldError::field).containsExactly("refreshToken");
    assertThat(auth.auth().lockouts(auth.caller(admin)).await()).as("nothing was counted").isEmpty();
  }

  @Test
  void aSuspendedUserCannotSignInNorRefreshAnEarlierSession() {
    User member = auth.createMember(admin, "mia");
    Session session = auth.signIn("mia", MEMBER_PASSWORD);

    auth.auth().suspend(auth.caller(admin), member.id()).await();

    var signIn = auth.refusal(auth.signInAttempt("mia", MEMBER_PASSWORD), ErrorCode.UNAUTHENTICATED);
    assertThat(signIn.getMessage()).isEqualTo("invalid login or password");
    auth.refusal(auth.auth().refresh(session.refreshToken()), ErrorCode.UNAUTHENTICATED);

    // suspension revoked the session itself, so reactivation does not bring it back
    auth.auth().reactivate(auth.caller(admin), member.id()).await();
    auth.refusal(auth.auth().refresh(session.refreshToken()), ErrorCode.UNAUTHENTICATED);
    assertThat(auth.signIn("mia", MEMBER_PASSWORD).accessToken()).isNotBlank();
  }

  @Test
  void aSessionVerifiesWithTheUsersCurrentRoleUntilItIsSignedOutAndEachChangeIsAnnounced() throws InterruptedException {
    User member = auth.createMember(admin, "mia");
    List<AccessChanged> announced = new CopyOnWriteArrayList<>();
    TypedBus.subscribe(auth.vertx(), AuthContract.EVENTS_ACCESS_CHANGED, AccessChanged.class, announced::add)
        .completion().await();
    Session session = auth.signIn("mia", MEMBER_PASSWORD);
    Session refreshed = auth.auth().refresh(session.refreshToken()).await();
    UUID sessionId = sessionIdOf(session);

    assertThat(sessionIdOf(refreshed)).as("a refresh stays in the sign-in").isEqualTo(sessionId);
    assertThat(auth.auth().verifySession(member.id(), sessionId).await().role()).isEqualTo(Role.MEMBER);
    auth.auth().changeRole(auth.caller(admin), member.id(), Role.OWNER).await();
    assertThat(auth.auth().verifySession(member.id(), sessionId).await().role())
        .as("the role as it is now, not as the token says").isEqualTo(Role.OWNER);
    // not admin's sign-in
    auth.refusal(auth.auth().verifySession(admin.id(), sessionId), ErrorCode.UNAUTHENTICATED);

    auth.auth().signOut(refreshed.refreshToken(), null).await();

    var ended = auth.refusal(auth.auth().verifySession(member.id(), sessionId), ErrorCode.UNAUTHENTICATED);
    assertThat(ended.getMessage()).isEqualTo("the session has ended");
    auth.auth().signOut(refreshed.refreshToken(), null).await(); // signing out again announces nothing
    for (long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos(); announced.size() < 2 && System.nanoTime() < deadline; ) {
      Thread.sleep(10); // published events arrive asynchronously
    }
    AccessChanged aboutMia = new AccessChanged(member.id());
    assertThat(announced).containsExactly(aboutMia, aboutMia);
  }

  @Test
  void aSuspendedUsersSessionNoLongerVerifies() {
    User member = auth.createMember(admin, "mia");
    UUID sessionId = sessionIdOf(auth.signIn("mia", MEMBER_PASSWORD));

    auth.auth().suspend(auth.caller(admin), member.id()).await();

    auth.refusal(auth.auth().verifySession(member.id(), sessionId), ErrorCode.UNAUTHENTICATED);
  }

  /** A service where a refresh token presented a second time is always a replay, however soon. */
  private void withoutReuseGrace() {
    auth.close();
    auth = new AuthServiceFixture(Map.of("DEVSANCTUM_AUTH_REFRESH_REUSE_GRACE_SECONDS", "0"));
    admin = auth.createFirstAdmin();
  }

  @Test
  void aTokenPresentedAgainMomentsAfterItsExchangeIsARacingTabAndRevokesNothing() {
    Session first = auth.signIn("admin", ADMIN_PASSWORD);
    Session second = auth.auth().refresh(first.refreshToken()).await();

    var raced = auth.refusal(auth.auth().refresh(first.refreshToken()), ErrorCode.CONFLICT);

    assertThat(raced.getMessage()).contains("exchanged moments ago");
    assertThat(raced.retryAfterSeconds().orElseThrow())
        .as("when the token is accepted again, should its answer have been lost").isBetween(1L, 10L);
    assertThat(auth.auth().refresh(second.refreshToken()).await().refreshToken())
        .as("the session goes on").isNotBlank();
  }

  @Test
  void aSpentTokenWhoseAnswerWasLostIsAcceptedAgainAndTheUndeliveredSuccessorCanNoLongerBeUsed() {
    withoutReuseGrace();
    Session first = auth.signIn("admin", ADMIN_PASSWORD);
    Session lost = auth.auth().refresh(first.refreshToken()).await(); // never reached the browser

    Session recovered = auth.auth().refresh(first.refreshToken()).await();

    assertThat(recovered.refreshToken()).isNotIn(first.refreshToken(), lost.refreshToken());
    assertThat(auth.auth().refresh(recovered.refreshToken()).await().accessToken())
        .as("the session goes on").isNotBlank();
    // the lost one turning up after all means two holders: a copy
    auth.refusal(auth.auth().refresh(lost.refreshToken()), ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void refreshRotatesAndASpentTokenPresentedAfterItsSuccessorWasUsedRevokesTheWholeFamily() {
    withoutReuseGrace();
    Session first = auth.signIn("admin", ADMIN_PASSWORD);
    Session second = auth.auth().refresh(first.refreshToken()).await();
    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(second.user().id()).isEqualTo(admin.id());
    Session third = auth.auth().refresh(second.refreshToken()).await();

    // the first token's successor has been used; presenting the first again means it was copied
    auth.refusal(auth.auth().refresh(first.refreshToken()), ErrorCode.UNAUTHENTICATED);

    // so the legitimate newest token is dead too
    auth.refusal(auth.auth().refresh(third.refreshToken()), ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void anotherSignInsSessionSurvivesReuseInADifferentFamily() {
    withoutReuseGrace();
    Session stolen = auth.signIn("admin", ADMIN_PASSWORD);
    Session otherDevice = auth.signIn("admin", ADMIN_PASSWORD);
    Session next = auth.auth().refresh(stolen.refreshToken()).await();
    auth.auth().refresh(next.refreshToken()).await();
    auth.refusal(auth.auth().refresh(stolen.refreshToken()), ErrorCode.UNAUTHENTICATED);

    assertThat(auth.auth().refresh(otherDevice.refreshToken()).await().accessToken()).isNotBlank();
  }

  @Test
  void concurrentRefreshesWithOneTokenSucceedOnceAndTheOthersAreToldOfTheRaceWithoutEndingTheSession() {
    Session session = auth.signIn("admin", ADMIN_PASSWORD);

    List<Future<Session>> attempts = IntStream.range(0, 8)
        .mapToObj(i -> auth.auth().refresh(session.refreshToken()))
        .toList();
    Future.join(attempts).otherwiseEmpty().await();

    List<Session> succeeded = attempts.stream().filter(Future::succeeded).map(Future::result).toList();
    assertThat(succeeded).hasSize(1);
    assertThat(attempts.stream().filter(Future::failed))
        .allSatisfy(failed -> assertThat(ErrorCode.of(failed.cause())).isEqualTo(ErrorCode.CONFLICT));
    assertThat(auth.auth().refresh(succeeded.get(0).refreshToken()).await().accessToken())
        .as("the winner's tokens still work").isNotBlank();
  }

  @Test
  void anExpiredRefreshTokenIsRefused() {
    Session session = auth.signIn("admin", ADMIN_PASSWORD);
    auth.sql("UPDATE auth.refresh_tokens SET expires_at = now() - interval '1 second'");

    auth.refusal(auth.auth().refresh(session.refreshToken()), ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void signOutRevokesTheSessionAndIsIdempotent() {
    Session session = auth.signIn("admin", ADMIN_PASSWORD);

    auth.auth().signOut(session.refreshToken(), null).await();
    auth.auth().signOut(session.refreshToken(), null).await();

    auth.refusal(auth.auth().refresh(session.refreshToken()), ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void repeatedFailuresAreRateLimitedPerAccountUntilTheWindowPasses() {
    for (int i = 0; i < 5; i++) {
      auth.refusal(auth.signInAttempt("ADMIN", "wrong-" + i), ErrorCode.UNAUTHENTICATED);
    }

    // even the right password is not checked while the account is limited
    var limited = auth.refusal(auth.signInAttempt("admin", ADMIN_PASSWORD), ErrorCode.RATE_LIMITED);
    assertThat(ErrorCode.RATE_LIMITED.httpStatus()).isEqualTo(429);
    assertThat(limited.retryAfterSeconds()).isPresent();
    assertThat(limited.retryAfterSeconds().getAsLong()).isBetween(1L, 900L);

    auth.clock.advance(Duration.ofMinutes(15).plusSeconds(1));

    assertThat(auth.signIn("admin", ADMIN_PASSWORD).accessToken()).isNotBlank();
  }

  @Test
  void aSuccessfulSignInClearsTheAccountsFailures() {
    for (int i = 0; i < 4; i++) {
      auth.refusal(auth.signInAttempt("admin", "wrong"), ErrorCode.UNAUTHENTICATED);
    }
    auth.signIn("admin", ADMIN_PASSWORD);

    for (int i = 0; i < 4; i++) {
      auth.refusal(auth.signInAttempt("admin", "wrong"), ErrorCode.UNAUTHENTICATED);
    }
    assertThat(auth.signIn("admin", ADMIN_PASSWORD).accessToken()).isNotBlank();
  }
}
