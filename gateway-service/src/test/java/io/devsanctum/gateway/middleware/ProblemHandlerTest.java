package io.devsanctum.gateway.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.FieldError;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How failures of every kind reach an HTTP client: the status, the problem body, what is never shown. */
@ExtendWith(VertxExtension.class)
class ProblemHandlerTest {

  private Vertx vertx;
  private Router router;
  private WebClient client;
  private int port;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    router = Router.router(vertx);
    router.route().handler(new RequestIdHandler(io.devsanctum.gateway.security.TrustedProxies.none()));
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await();
    port = server.actualPort();
    client = WebClient.create(vertx);
  }

  @Test
  void aServiceRefusalKeepsItsCodeMessageAndFieldErrors() {
    HttpResponse<Buffer> response = failWith(new BusFailure(ErrorCode.VALIDATION, "the name is taken",
        List.of(new FieldError("name", "already used")), null));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).endsWith("validation");
    assertThat(problem.getString("detail")).isEqualTo("the name is taken");
    assertThat(problem.getJsonArray("errors").encode()).contains("\"field\":\"name\"", "already used");
  }

  @Test
  void aRefusalThatAsksForPatienceCarriesRetryAfter() {
    HttpResponse<Buffer> response = failWith(BusFailure.of(ErrorCode.RATE_LIMITED, "too many sign-ins").retryAfter(42));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.getHeader("Retry-After")).isEqualTo("42");
  }

  @Test
  void aServiceThatDoesNotAnswerIsAnUnavailableProblem() {
    HttpResponse<Buffer> response = failWith(new ReplyException(ReplyFailure.TIMEOUT, "Timed out after waiting 10000(ms)"));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.bodyAsJsonObject().getString("detail")).contains("did not answer");
  }

  @Test
  void anUnexpectedFailureIsA500ThatShowsNothingOfIt() {
    HttpResponse<Buffer> response = failWith(new IllegalStateException("secret internals at row 7"));

    assertThat(response.statusCode()).isEqualTo(500);
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.encode()).doesNotContain("secret internals", "IllegalStateException");
    assertThat(problem.getString("detail")).contains("request id");
    assertThat(response.getHeader(RequestIdHandler.HEADER)).isNotBlank();
  }

  @Test
  void anInternalServiceFailureIsA500ThatShowsNothingOfIt() {
    HttpResponse<Buffer> response = failWith(BusFailure.of(ErrorCode.INTERNAL, "connection to 10.0.0.7 refused"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.bodyAsString()).doesNotContain("10.0.0.7");
  }

  private HttpResponse<Buffer> failWith(Throwable failure) {
    router.get("/fails").handler(ctx -> ctx.fail(failure));
    router.route().failureHandler(new ProblemHandler());
    return client.get(port, "127.0.0.1", "/fails").send().await();
  }
}
