package io.devsanctum.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.devsanctum.common.bus.AuthContract;
import io.devsanctum.common.bus.BusHeaders;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.config.Env;
import io.devsanctum.common.db.PgPools;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.devsanctum.common.testkit.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Map;

/**
 * The auth-service deployed on its own database, driven over the event bus exactly as the gateway
 * drives it: request bodies plus the caller headers. Blocks on replies, so tests read top to bottom.
 */
final class AuthServiceFixture implements AutoCloseable {

  static final String ADMIN_PASSWORD = "admin-password-1";
  static final String MEMBER_PASSWORD = "member-password-1";
  static final String CLIENT_ADDRESS = "203.0.113.7";

  final MutableClock clock = new MutableClock();
  private final VertxRuntime runtime = VertxFactory.local();
  private final DevSanctumConfig config;
  private String deploymentId;
  private Pool pool;

  AuthServiceFixture() {
    this(Map.of());
  }

  /** @param env the environment the service reads its own settings from (e.g. OAuth2 providers) */
  AuthServiceFixture(Map<String, String> env) {
    config = DevSanctumConfig.from(new Env(env)).withDatabase(TestDatabase.freshDatabase());
    deploy();
  }

  Vertx vertx() {
    return runtime.vertx();
  }

  void deploy() {
    deploymentId = vertx().deployVerticle(new AuthVerticle(config, runtime.meterRegistry(), clock)).await();
  }

  void redeploy() {
    vertx().undeploy(deploymentId).await();
    deploy();
  }

  /** Direct SQL, only to arrange states that otherwise need waiting (e.g. an expiry in the past). */
  void sql(String statement) {
    if (pool == null) {
      pool = PgPools.create(vertx(), config.database(), "test");
    }
    pool.query(statement).execute().await();
  }

  /** The first admin, created through first-run setup; returns the user JSON. */
  JsonObject createFirstAdmin() {
    return send(AuthContract.SETUP_FIRST_ADMIN, new JsonObject()
        .put("email", "admin@example.com").put("username", "admin").put("password", ADMIN_PASSWORD), null).await();
  }

  /** A member created by {@code admin}; returns the user JSON. */
  JsonObject createMember(JsonObject admin, String username) {
    return request(AuthContract.USERS_CREATE, new JsonObject()
        .put("email", username + "@example.com").put("username", username).put("password", MEMBER_PASSWORD), admin);
  }

  JsonObject signIn(String login, String password) {
    return send(AuthContract.SESSION_SIGN_IN, signInBody(login, password), null).await();
  }

  static JsonObject signInBody(String login, String password) {
    return new JsonObject().put("login", login).put("password", password).put("clientAddress", CLIENT_ADDRESS);
  }

  /** A request as the gateway sends it for {@code caller} (a user JSON), or anonymously when null. */
  JsonObject request(String address, JsonObject body, JsonObject caller) {
    return send(address, body, caller).await();
  }

  /** Sends a request that must fail with {@code code}; returns the failure for further checks. */
  ReplyException failure(String address, JsonObject body, JsonObject caller, ErrorCode code) {
    Throwable failure = catchThrowable(() -> send(address, body, caller).await());
    assertThat(failure).isInstanceOf(ReplyException.class);
    ReplyException reply = (ReplyException) failure;
    assertThat(ErrorCode.of(reply)).as("error code of %s: %s", address, reply.getMessage()).isEqualTo(code);
    return reply;
  }

  Future<JsonObject> send(String address, JsonObject body, JsonObject caller) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(30_000);
    if (caller != null) {
      options.addHeader(BusHeaders.USER_ID, caller.getString("id"));
      options.addHeader(BusHeaders.USER_ROLE, caller.getString("role"));
    }
    return vertx().eventBus().<JsonObject>request(address, body, options).map(Message::body);
  }

  @Override
  public void close() {
    vertx().close().await();
  }
}
