package io.devsanctum.auth;

import static io.devsanctum.auth.AuthServiceFixture.ADMIN_PASSWORD;
import static io.devsanctum.auth.AuthServiceFixture.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.RetryAfter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTest {

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
  void signInByEmailOrUsernameReturnsTheUserAndBothTokens() {
    JsonObject byUsername = auth.signIn("admin", ADMIN_PASSWORD);
    JsonObject byEmail = auth.signIn("Admin@Example.com", ADMIN_PASSWORD);

    assertThat(byUsername.getJsonObject("user").getString("id")).isEqualTo(admin.getString("id"));
    assertThat(byEmail.getJsonObject("user").getString("id")).isEqualTo(admin.getString("id"));
    assertThat(byUsername.getString("accessToken")).isNotBlank();
    assertThat(byUsername.getString("refreshToken")).matches("[A-Za-z0-9_-]{43}");
    assertThat(Instant.parse(byUsername.getString("refreshTokenExpiresAt")))
        .isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60), Instant.now().plus(Duration.ofDays(30)));
  }

  @Test
  void unknownLoginAndWrongPasswordGiveTheSameAnswer() {
    var wrongPassword = auth.failure(AuthContract.SESSION_SIGN_IN,
        AuthServiceFixture.signInBody("admin", "not-the-password"), null, ErrorCode.UNAUTHENTICATED);
    var unknownLogin = auth.failure(AuthContract.SESSION_SIGN_IN,
        AuthServiceFixture.signInBody("nobody", "not-the-password"), null, ErrorCode.UNAUTHENTICATED);

    assertThat(wrongPassword.getMessage()).isEqualTo("invalid login or password");
    assertThat(unknownLogin.getMessage()).isEqualTo(wrongPassword.getMessage());
  }

  @Test
  void aSuspendedUserCannotSignInNorRefreshAnEarlierSession() {
    JsonObject member = auth.createMember(admin, "mia");
    JsonObject session = auth.signIn("mia", MEMBER_PASSWORD);

    auth.request(AuthContract.USERS_SUSPEND, new JsonObject().put("userId", member.getString("id")), admin);

    var signIn = auth.failure(AuthContract.SESSION_SIGN_IN,
        AuthServiceFixture.signInBody("mia", MEMBER_PASSWORD), null, ErrorCode.UNAUTHENTICATED);
    assertThat(signIn.getMessage()).isEqualTo("invalid login or password");
    auth.failure(AuthContract.SESSION_REFRESH, refresh(session), null, ErrorCode.UNAUTHENTICATED);

    // suspension revoked the session itself, so reactivation does not bring it back
    auth.request(AuthContract.USERS_REACTIVATE, new JsonObject().put("userId", member.getString("id")), admin);
    auth.failure(AuthContract.SESSION_REFRESH, refresh(session), null, ErrorCode.UNAUTHENTICATED);
    assertThat(auth.signIn("mia", MEMBER_PASSWORD).getString("accessToken")).isNotBlank();
  }

  @Test
  void aSessionVerifiesWithTheUsersCurrentRoleUntilItIsSignedOutAndEachChangeIsAnnounced() throws InterruptedException {
    JsonObject member = auth.createMember(admin, "mia");
    List<JsonObject> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
    auth.vertx().eventBus().<JsonObject>consumer(AuthContract.EVENTS_ACCESS_CHANGED, m -> announced.add(m.body()))
        .completion().await();
    JsonObject session = auth.signIn("mia", MEMBER_PASSWORD);
    JsonObject refreshed = auth.request(AuthContract.SESSION_REFRESH, refresh(session), null);
    String sessionId = sessionIdOf(session);

    assertThat(sessionIdOf(refreshed)).as("a refresh stays in the sign-in").isEqualTo(sessionId);
    assertThat(auth.request(AuthContract.SESSION_VERIFY, verify(member, sessionId), null).getString("role"))
        .isEqualTo("member");
    auth.request(AuthContract.USERS_CHANGE_ROLE, new JsonObject().put("userId", member.getString("id")).put("role", "admin"), admin);
    assertThat(auth.request(AuthContract.SESSION_VERIFY, verify(member, sessionId), null).getString("role"))
        .as("the role as it is now, not as the token says").isEqualTo("admin");
    auth.failure(AuthContract.SESSION_VERIFY, verify(admin, sessionId), null, ErrorCode.UNAUTHENTICATED); // not admin's sign-in

    auth.request(AuthContract.SESSION_SIGN_OUT, refresh(refreshed), null);

    var ended = auth.failure(AuthContract.SESSION_VERIFY, verify(member, sessionId), null, ErrorCode.UNAUTHENTICATED);
    assertThat(ended.getMessage()).isEqualTo("the session has ended");
    auth.request(AuthContract.SESSION_SIGN_OUT, refresh(refreshed), null); // signing out again announces nothing
    for (long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos(); announced.size() < 2 && System.nanoTime() < deadline; ) {
      Thread.sleep(10); // published events arrive asynchronously
    }
    JsonObject aboutMia = new JsonObject().put("userId", member.getString("id"));
    assertThat(announced).containsExactly(aboutMia, aboutMia);
  }

  @Test
  void aSuspendedUsersSessionNoLongerVerifies() {
    JsonObject member = auth.createMember(admin, "mia");
    String sessionId = sessionIdOf(auth.signIn("mia", MEMBER_PASSWORD));

    auth.request(AuthContract.USERS_SUSPEND, new JsonObject().put("userId", member.getString("id")), admin);

    auth.failure(AuthContract.SESSION_VERIFY, verify(member, sessionId), null, ErrorCode.UNAUTHENTICATED);
  }

  /** A service where a refresh token presented a second time is always a replay, however soon. */
  private void withoutReuseGrace() {
    auth.close();
    auth = new AuthServiceFixture(Map.of("DEVSANCTUM_AUTH_REFRESH_REUSE_GRACE_SECONDS", "0"));
    admin = auth.createFirstAdmin();
  }

  private static JsonObject verify(JsonObject user, String sessionId) {
    return new JsonObject().put("userId", user.getString("id")).put("sessionId", sessionId);
  }

  /** The {@code sid} claim of the session's access token. */
  private static String sessionIdOf(JsonObject session) {
    String payload = session.getString("accessToken").split("\\.")[1];
    return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8))
        .getString("sid");
  }

  @Test
  void aTokenPresentedAgainMomentsAfterItsExchangeIsARacingTabAndRevokesNothing() {
    JsonObject first = auth.signIn("admin", ADMIN_PASSWORD);
    JsonObject second = auth.request(AuthContract.SESSION_REFRESH, refresh(first), null);

    var raced = auth.failure(AuthContract.SESSION_REFRESH, refresh(first), null, ErrorCode.CONFLICT);

    assertThat(raced.getMessage()).contains("exchanged moments ago");
    assertThat(RetryAfter.seconds(raced).orElseThrow())
        .as("when the token is accepted again, should its answer have been lost").isBetween(1L, 10L);
    assertThat(auth.request(AuthContract.SESSION_REFRESH, refresh(second), null).getString("refreshToken"))
        .as("the session goes on").isNotBlank();
  }

  @Test
  void aSpentTokenWhoseAnswerWasLostIsAcceptedAgainAndTheUndeliveredSuccessorCanNoLongerBeUsed() {
    withoutReuseGrace();
    JsonObject first = auth.signIn("admin", ADMIN_PASSWORD);
    JsonObject lost = auth.request(AuthContract.SESSION_REFRESH, refresh(first), null); // never reached the browser

    JsonObject recovered = auth.request(AuthContract.SESSION_REFRESH, refresh(first), null);

    assertThat(recovered.getString("refreshToken")).isNotIn(first.getString("refreshToken"), lost.getString("refreshToken"));
    assertThat(auth.request(AuthContract.SESSION_REFRESH, refresh(recovered), null).getString("accessToken"))
        .as("the session goes on").isNotBlank();
    // the lost one turning up after all means two holders: a copy
    auth.failure(AuthContract.SESSION_REFRESH, refresh(lost), null, ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void refreshRotatesAndASpentTokenPresentedAfterItsSuccessorWasUsedRevokesTheWholeFamily() {
    withoutReuseGrace();
    JsonObject first = auth.signIn("admin", ADMIN_PASSWORD);
    JsonObject second = auth.request(AuthContract.SESSION_REFRESH, refresh(first), null);
    assertThat(second.getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
    assertThat(second.getJsonObject("user").getString("id")).isEqualTo(admin.getString("id"));
    JsonObject third = auth.request(AuthContract.SESSION_REFRESH, refresh(second), null);

    // the first token's successor has been used; presenting the first again means it was copied
    auth.failure(AuthContract.SESSION_REFRESH, refresh(first), null, ErrorCode.UNAUTHENTICATED);

    // so the legitimate newest token is dead too
    auth.failure(AuthContract.SESSION_REFRESH, refresh(third), null, ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void anotherSignInsSessionSurvivesReuseInADifferentFamily() {
    withoutReuseGrace();
    JsonObject stolen = auth.signIn("admin", ADMIN_PASSWORD);
    JsonObject otherDevice = auth.signIn("admin", ADMIN_PASSWORD);
    JsonObject next = auth.request(AuthContract.SESSION_REFRESH, refresh(stolen), null);
    auth.request(AuthContract.SESSION_REFRESH, refresh(next), null);
    auth.failure(AuthContract.SESSION_REFRESH, refresh(stolen), null, ErrorCode.UNAUTHENTICATED);

    assertThat(auth.request(AuthContract.SESSION_REFRESH, refresh(otherDevice), null).getString("accessToken"))
        .isNotBlank();
  }

  @Test
  void concurrentRefreshesWithOneTokenSucceedOnceAndTheOthersAreToldOfTheRaceWithoutEndingTheSession() {
    JsonObject session = auth.signIn("admin", ADMIN_PASSWORD);

    List<Future<JsonObject>> attempts = IntStream.range(0, 8)
        .mapToObj(i -> auth.send(AuthContract.SESSION_REFRESH, refresh(session), null))
        .toList();
    Future.join(attempts).otherwiseEmpty().await();

    List<JsonObject> succeeded = attempts.stream().filter(Future::succeeded).map(Future::result).toList();
    assertThat(succeeded).hasSize(1);
    assertThat(attempts.stream().filter(Future::failed))
        .allSatisfy(failed -> assertThat(ErrorCode.of(failed.cause())).isEqualTo(ErrorCode.CONFLICT));
    assertThat(auth.request(AuthContract.SESSION_REFRESH, refresh(succeeded.get(0)), null).getString("accessToken"))
        .as("the winner's tokens still work").isNotBlank();
  }

  @Test
  void anExpiredRefreshTokenIsRefused() {
    JsonObject session = auth.signIn("admin", ADMIN_PASSWORD);
    auth.sql("UPDATE auth.refresh_tokens SET expires_at = now() - interval '1 second'");

    auth.failure(AuthContract.SESSION_REFRESH, refresh(session), null, ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void signOutRevokesTheSessionAndIsIdempotent() {
    JsonObject session = auth.signIn("admin", ADMIN_PASSWORD);

    auth.request(AuthContract.SESSION_SIGN_OUT, refresh(session), null);
    auth.request(AuthContract.SESSION_SIGN_OUT, refresh(session), null);

    auth.failure(AuthContract.SESSION_REFRESH, refresh(session), null, ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void repeatedFailuresAreRateLimitedPerAccountUntilTheWindowPasses() {
    for (int i = 0; i < 5; i++) {
      auth.failure(AuthContract.SESSION_SIGN_IN, AuthServiceFixture.signInBody("ADMIN", "wrong-" + i), null,
          ErrorCode.UNAUTHENTICATED);
    }

    // even the right password is not checked while the account is limited
    var limited = auth.failure(AuthContract.SESSION_SIGN_IN,
        AuthServiceFixture.signInBody("admin", ADMIN_PASSWORD), null, ErrorCode.RATE_LIMITED);
    assertThat(ErrorCode.RATE_LIMITED.httpStatus()).isEqualTo(429);
    assertThat(RetryAfter.seconds(limited)).isPresent();
    assertThat(RetryAfter.seconds(limited).getAsLong()).isBetween(1L, 900L);

    auth.clock.advance(Duration.ofMinutes(15).plusSeconds(1));

    assertThat(auth.signIn("admin", ADMIN_PASSWORD).getString("accessToken")).isNotBlank();
  }

  @Test
  void aSuccessfulSignInClearsTheAccountsFailures() {
    for (int i = 0; i < 4; i++) {
      auth.failure(AuthContract.SESSION_SIGN_IN, AuthServiceFixture.signInBody("admin", "wrong"), null,
          ErrorCode.UNAUTHENTICATED);
    }
    auth.signIn("admin", ADMIN_PASSWORD);

    for (int i = 0; i < 4; i++) {
      auth.failure(AuthContract.SESSION_SIGN_IN, AuthServiceFixture.signInBody("admin", "wrong"), null,
          ErrorCode.UNAUTHENTICATED);
    }
    assertThat(auth.signIn("admin", ADMIN_PASSWORD).getString("accessToken")).isNotBlank();
  }

  private static JsonObject refresh(JsonObject session) {
    return new JsonObject().put("refreshToken", session.getString("refreshToken"));
  }
}
