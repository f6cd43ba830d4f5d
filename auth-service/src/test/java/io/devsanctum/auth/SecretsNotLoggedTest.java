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
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.contract.auth.IssuedApiToken;
import io.devsanctum.common.contract.auth.OAuthStart;
import io.devsanctum.common.contract.auth.Session;
import io.devsanctum.common.contract.auth.User;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
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
        User admin = auth.createFirstAdmin();
        auth.createMember(admin, "mia");
        auth.refusal(auth.signInAttempt("mia", "wrong-password-1"), ErrorCode.UNAUTHENTICATED);
        Session first = auth.signIn("mia", MEMBER_PASSWORD);
        Session second = auth.auth().refresh(first.refreshToken()).await();
        // the lost-answer recovery path, which logs too
        Session recovered = auth.auth().refresh(first.refreshToken()).await();
        Session third = auth.auth().refresh(recovered.refreshToken()).await();
        auth.refusal(auth.auth().refresh(first.refreshToken()), ErrorCode.UNAUTHENTICATED);
        IssuedApiToken apiToken = auth.auth().createApiToken(auth.caller(first.user()), "ci", null, null).await();
        auth.auth().authenticateApiToken(apiToken.token()).await();
        auth.auth().signOut(third.refreshToken(), null).await();
        secrets.addAll(List.of(first.accessToken(), first.refreshToken(), second.accessToken(), second.refreshToken(),
            recovered.refreshToken(), third.refreshToken(), apiToken.token()));
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
            MultiMap consented = consent(auth, providers, provider, secrets);
            Session session = complete(auth, provider, consented).await();
            secrets.addAll(List.of(session.accessToken(), session.refreshToken()));
            // refusals log too: a replayed state, one from another browser, and a code the provider will not exchange
            auth.refusal(complete(auth, provider, consented), ErrorCode.UNAUTHENTICATED);
            MultiMap elsewhere = consent(auth, providers, provider, secrets).set("browserBinding", "another-browser");
            auth.refusal(complete(auth, provider, elsewhere), ErrorCode.UNAUTHENTICATED);
            MultiMap tampered = consent(auth, providers, provider, secrets);
            auth.sql("UPDATE auth.oauth_flows SET code_verifier = 'tampered-verifier-000000000000000000000000000'");
            auth.refusal(complete(auth, provider, tampered), ErrorCode.UNAUTHENTICATED);
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

  /** Begins a sign-in and consents at the provider; returns what the browser comes back with, noting its secrets. */
  private static MultiMap consent(AuthServiceFixture auth, FakeOAuthProviders providers, String provider,
      List<String> secrets) {
    OAuthStart begun = auth.auth().beginOAuth(provider, FakeOAuthProviders.REDIRECT_URI).await();
    MultiMap returned = providers.consent(begun.authorizeUrl()).add("browserBinding", begun.browserBinding());
    secrets.addAll(List.of(begun.state(), returned.get("code"), begun.browserBinding()));
    return returned;
  }

  private static Future<Session> complete(AuthServiceFixture auth, String provider, MultiMap consented) {
    return auth.auth().completeOAuth(provider, consented.get("state"), consented.get("code"), null,
        consented.get("browserBinding"), AuthServiceFixture.CLIENT_ADDRESS);
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
