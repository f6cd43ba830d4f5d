package io.devsanctum.auth;

import static io.devsanctum.auth.AuthServiceFixture.ADMIN_PASSWORD;
import static io.devsanctum.auth.AuthServiceFixture.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecretsNotLoggedTest {

  @Test
  void noPasswordOrTokenValueAppearsInAnyLogLine() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger ours = (Logger) LoggerFactory.getLogger("io.devsanctum");
    Level previous = ours.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    ours.setLevel(Level.DEBUG);
    List<String> secrets = new ArrayList<>(List.of(ADMIN_PASSWORD, MEMBER_PASSWORD, "wrong-password-1"));
    try (AuthServiceFixture auth = new AuthServiceFixture()) {
      JsonObject admin = auth.createFirstAdmin();
      auth.createMember(admin, "mia");
      auth.failure(AuthContract.SESSION_SIGN_IN, AuthServiceFixture.signInBody("mia", "wrong-password-1"), null,
          ErrorCode.UNAUTHENTICATED);
      JsonObject first = auth.signIn("mia", MEMBER_PASSWORD);
      JsonObject second = auth.request(AuthContract.SESSION_REFRESH,
          new JsonObject().put("refreshToken", first.getString("refreshToken")), null);
      auth.failure(AuthContract.SESSION_REFRESH,
          new JsonObject().put("refreshToken", first.getString("refreshToken")), null, ErrorCode.UNAUTHENTICATED);
      JsonObject apiToken = auth.request(AuthContract.API_TOKENS_CREATE, new JsonObject().put("name", "ci"),
          first.getJsonObject("user"));
      auth.request(AuthContract.API_TOKENS_AUTHENTICATE, new JsonObject().put("token", apiToken.getString("token")), null);
      auth.request(AuthContract.SESSION_SIGN_OUT, new JsonObject().put("refreshToken", second.getString("refreshToken")), null);
      secrets.addAll(List.of(first.getString("accessToken"), first.getString("refreshToken"),
          second.getString("accessToken"), second.getString("refreshToken"), apiToken.getString("token")));
    } finally {
      root.detachAppender(captured);
      ours.setLevel(previous);
    }

    List<String> lines = captured.list.stream()
        .map(event -> event.getFormattedMessage()
            + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
        .toList();
    assertThat(lines).as("the test must observe the service's logging").isNotEmpty();
    assertThat(lines).anyMatch(line -> line.contains("signed in"));
    for (String secret : secrets) {
      assertThat(lines).noneMatch(line -> line.contains(secret));
    }
  }
}
