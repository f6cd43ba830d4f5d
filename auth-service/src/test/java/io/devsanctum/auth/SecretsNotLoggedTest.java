package io.devsanctum.auth;

import static io.devsanctum.auth.AuthServiceFixture.ADMIN_PASSWORD;
import static io.devsanctum.auth.AuthServiceFixture.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.devsanctum.auth.FakeOAuthProviders.Person;
import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.ErrorCode;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecretsNotLoggedTest {

  @Test
  void noPasswordOrTokenValueAppearsInAnyLogLine() {
    List<String> secrets = new ArrayList<>(List.of(ADMIN_PASSWORD, MEMBER_PASSWORD, "wrong-password-1"));
    List<String> lines = logLinesOf(() -> {
      // no reuse grace, so that the replayed refresh token takes the theft path, which logs
      try (AuthServiceFixture auth = new AuthServiceFixture(Map.of("DEVSANCTUM_AUTH_REFRESH_REUSE_GRACE_SECONDS", "0"))) {
        JsonObject admin = auth.createFirstAdmin();
        auth.createMember(admin, "mia");
        auth.failure(AuthContract.SESSION_SIGN_IN, AuthServiceFixture.signInBody("mia", "wrong-password-1"), null,
            ErrorCode.UNAUTHENTICATED);
        JsonObject first = auth.signIn("mia", MEMBER_PASSWORD);
        JsonObject second = auth.request(AuthContract.SESSION_REFRESH,
            new JsonObject().put("refreshToken", first.getString("refreshToken")), null);
        // the lost-answer recovery path, which logs too
        JsonObject recovered = auth.request(AuthContract.SESSION_REFRESH,
            new JsonObject().put("refreshToken", first.getString("refreshToken")), null);
        JsonObject third = auth.request(AuthContract.SESSION_REFRESH,
            new JsonObject().put("refreshToken", recovered.getString("refreshToken")), null);
        auth.failure(AuthContract.SESSION_REFRESH,
            new JsonObject().put("refreshToken", first.getString("refreshToken")), null, ErrorCode.UNAUTHENTICATED);
        JsonObject apiToken = auth.request(AuthContract.API_TOKENS_CREATE, new JsonObject().put("name", "ci"),
            first.getJsonObject("user"));
        auth.request(AuthContract.API_TOKENS_AUTHENTICATE, new JsonObject().put("token", apiToken.getString("token")),
            null);
        auth.request(AuthContract.SESSION_SIGN_OUT,
            new JsonObject().put("refreshToken", third.getString("refreshToken")), null);
        secrets.addAll(List.of(first.getString("accessToken"), first.getString("refreshToken"),
            second.getString("accessToken"), second.getString("refreshToken"), recovered.getString("refreshToken"),
            third.getString("refreshToken"), apiToken.getString("token")));
      }
    });

    assertThat(lines).anyMatch(line -> line.contains("signed in"));
    assertNoneContains(lines, secrets);
  }

  @Test
  void noOAuthCodeStateVerifierClientSecretOrTokenAppearsInAnyLogLine() {
    List<String> secrets = new ArrayList<>();
    List<String> lines = logLinesOf(() -> {
      try (FakeOAuthProviders providers = new FakeOAuthProviders()) {
        Map<String, String> env = new HashMap<>(providers.env());
        env.put("DEVSANCTUM_OAUTH_OPEN_SIGNUP", "true");
        try (AuthServiceFixture auth = new AuthServiceFixture(env)) {
          auth.createFirstAdmin();
          for (String provider : List.of("github", "google")) {
            secrets.add(FakeOAuthProviders.clientSecret(provider));
            providers.signsInAs(provider, new Person("1", "ada", "Ada", "ada@example.org", true));
            JsonObject completion = consent(auth, providers, provider, secrets);
            JsonObject session = auth.request(AuthContract.OAUTH_COMPLETE, completion, null);
            secrets.addAll(List.of(session.getString("accessToken"), session.getString("refreshToken")));
            // refusals log too: a replayed state, and a code the provider will not exchange
            auth.failure(AuthContract.OAUTH_COMPLETE, completion, null, ErrorCode.UNAUTHENTICATED);
            JsonObject tampered = consent(auth, providers, provider, secrets);
            auth.sql("UPDATE auth.oauth_flows SET code_verifier = 'tampered-verifier-000000000000000000000000000'");
            auth.failure(AuthContract.OAUTH_COMPLETE, tampered, null, ErrorCode.UNAUTHENTICATED);
          }
        }
        secrets.addAll(providers.secretsSeen);
      }
    });

    assertThat(lines).anyMatch(line -> line.contains("signed up with GitHub"));
    assertThat(lines).anyMatch(line -> line.contains("Google sign-in from"));
    assertThat(secrets).hasSizeGreaterThan(10);
    assertNoneContains(lines, secrets);
  }

  /** Begins a sign-in and consents at the provider; returns the completion request, noting its secrets. */
  private static JsonObject consent(AuthServiceFixture auth, FakeOAuthProviders providers, String provider,
      List<String> secrets) {
    JsonObject begun = auth.request(AuthContract.OAUTH_BEGIN,
        new JsonObject().put("provider", provider).put("redirectUri", FakeOAuthProviders.REDIRECT_URI), null);
    MultiMap returned = providers.consent(begun.getString("authorizeUrl"));
    secrets.addAll(List.of(begun.getString("state"), returned.get("code")));
    return new JsonObject().put("provider", provider).put("state", returned.get("state"))
        .put("code", returned.get("code")).put("clientAddress", AuthServiceFixture.CLIENT_ADDRESS);
  }

  /** Every line logged while the scenario runs, with our loggers at DEBUG, stack traces included. */
  private static List<String> logLinesOf(Runnable scenario) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger ours = (Logger) LoggerFactory.getLogger("io.devsanctum");
    Level previous = ours.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    ours.setLevel(Level.DEBUG);
    try {
      scenario.run();
    } finally {
      root.detachAppender(captured);
      ours.setLevel(previous);
    }
    List<String> lines = captured.list.stream()
        .map(event -> event.getFormattedMessage()
            + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
        .toList();
    assertThat(lines).as("the test must observe the service's logging").isNotEmpty();
    return lines;
  }

  private static void assertNoneContains(List<String> lines, List<String> secrets) {
    for (String secret : secrets) {
      assertThat(lines).noneMatch(line -> line.contains(secret));
    }
  }
}
