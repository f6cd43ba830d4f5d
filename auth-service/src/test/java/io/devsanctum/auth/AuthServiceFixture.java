package io.devsanctum.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.devsanctum.common.bus.BusAnswer;
import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.config.Env;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.contract.auth.NewUser;
import io.devsanctum.common.contract.auth.Session;
import io.devsanctum.common.contract.auth.User;
import io.devsanctum.common.db.PgPools;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.devsanctum.common.testkit.MutableClock;
import io.devsanctum.common.testkit.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * The auth-service deployed on its own database, driven over the event bus exactly as the gateway
 * drives it: through the typed {@link AuthContract} client, the caller in the headers. Tests block
 * on replies, so they read top to bottom.
 */
final class AuthServiceFixture implements AutoCloseable {

  static final String ADMIN_PASSWORD = "admin-password-1";
  static final String MEMBER_PASSWORD = "member-password-1";
  static final String CLIENT_ADDRESS = "203.0.113.7";
  /** Generous: password hashing on a shared CPU is slow, and a test should fail on its assertions, not a timeout. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  final MutableClock clock = new MutableClock();
  private final VertxRuntime runtime = VertxFactory.local();
  private final AuthContract auth = TypedBus.client(runtime.vertx(), AuthContract.class, TIMEOUT);
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

  /** The service, as the gateway calls it. */
  AuthContract auth() {
    return auth;
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

  /** Direct SQL, only to look at what no operation shows (e.g. what is kept after a sign-out): a count. */
  long count(String selectCount) {
    if (pool == null) {
      pool = PgPools.create(vertx(), config.database(), "test");
    }
    return pool.query(selectCount).execute().await().iterator().next().getLong(0);
  }

  /** The first admin, created through first-run setup. */
  User createFirstAdmin() {
    return auth.createFirstAdmin(new NewUser("admin@example.com", "admin", null, ADMIN_PASSWORD)).await();
  }

  /** A member created by {@code admin}, with {@link #MEMBER_PASSWORD}. */
  User createMember(User admin, String username) {
    return auth.createUser(caller(admin), new NewUser(username + "@example.com", username, null, MEMBER_PASSWORD),
        null).await();
  }

  Session signIn(String login, String password) {
    return signInAttempt(login, password).await();
  }

  /** A password sign-in from {@link #CLIENT_ADDRESS} by a client that brings no device token. */
  Future<Session> signInAttempt(String login, String password) {
    return auth.signIn(login, password, CLIENT_ADDRESS, null);
  }

  /** The caller the gateway vouches for once {@code user} has signed in. */
  Caller caller(User user) {
    return new Caller(user.id(), user.role(), user.username());
  }

  /** The {@code sid} claim of the session's access token: the sign-in it belongs to. */
  static UUID sessionIdOf(Session session) {
    String payload = session.accessToken().split("\\.")[1];
    return UUID.fromString(new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
        .getString("sid"));
  }

  /** Awaits a call that must be refused with {@code expected}; returns the refusal for further checks. */
  BusFailure refusal(Future<?> call, ErrorCode expected) {
    Throwable failure = catchThrowable(call::await);
    assertThat(failure).as("the call should have been refused").isInstanceOf(BusFailure.class);
    BusFailure refused = (BusFailure) failure;
    assertThat(refused.errorCode()).as("error code of a refusal: %s", refused.getMessage()).isEqualTo(expected);
    return refused;
  }

  /**
   * A request the typed client would not send (no caller, a body of the wrong shape) or whose wire
   * form a test reads: {@code body} as it is to the address of {@code operation}, with the headers of
   * {@code caller} unless it is null. Answers the reply body, {@code {"value": ...}}.
   */
  Future<JsonObject> raw(String operation, JsonObject body, Caller caller) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(TIMEOUT.toMillis());
    if (caller != null) {
      caller.applyTo(options);
    }
    return vertx().eventBus().<BusAnswer>request(AuthContract.ADDRESS + "." + operation, body, options)
        .map(reply -> reply.body().toJson());
  }

  @Override
  public void close() {
    vertx().close().await();
  }
}
