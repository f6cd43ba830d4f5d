package io.devsanctum.auth;

import io.devsanctum.auth.repository.pg.PgAuditOutbox;
import io.devsanctum.auth.service.AuditDelivery;
import io.devsanctum.common.contract.audit.AuditContract;
import io.devsanctum.common.runtime.BackgroundWork;
import io.devsanctum.auth.config.OAuthConfig;
import io.devsanctum.auth.config.SessionConfig;
import io.devsanctum.auth.controller.AuthEndpoint;
import io.devsanctum.auth.infrastructure.bus.BusOwnedWorkspaces;
import io.devsanctum.auth.infrastructure.events.EventBusAccessEvents;
import io.devsanctum.auth.infrastructure.oauth.OAuthProviders;
import io.devsanctum.auth.model.SigningKey;
import io.devsanctum.auth.repository.pg.PgApiTokenRepository;
import io.devsanctum.auth.repository.pg.PgOAuthFlowRepository;
import io.devsanctum.auth.repository.pg.PgOAuthIdentityRepository;
import io.devsanctum.auth.repository.pg.PgRefreshTokenRepository;
import io.devsanctum.auth.repository.pg.PgServerSecretRepository;
import io.devsanctum.auth.repository.pg.PgSshKeyRepository;
import io.devsanctum.auth.repository.pg.PgSignInFailureRepository;
import io.devsanctum.auth.repository.pg.PgSigningKeyRepository;
import io.devsanctum.auth.repository.pg.PgUserRepository;
import io.devsanctum.auth.service.AccessTokenIssuer;
import io.devsanctum.auth.service.ApiTokenService;
import io.devsanctum.auth.service.Authorizer;
import io.devsanctum.auth.service.DeviceTokens;
import io.devsanctum.auth.service.OAuthSignInService;
import io.devsanctum.auth.service.PasswordHasher;
import io.devsanctum.auth.service.PasswordService;
import io.devsanctum.auth.service.SessionService;
import io.devsanctum.auth.service.SetupService;
import io.devsanctum.auth.service.SignInMethods;
import io.devsanctum.auth.service.SignInRateLimiter;
import io.devsanctum.auth.service.SigningKeyService;
import io.devsanctum.auth.service.SshKeyService;
import io.devsanctum.auth.service.UserAdminService;
import io.devsanctum.common.bus.Addresses;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.db.PgPools;
import io.devsanctum.common.db.SchemaMigrator;
import io.devsanctum.common.runtime.HealthResponder;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring of the auth-service: schema, pool, repositories, OAuth2 and OpenID Connect provider adapters, services, the bus endpoint. */
public class AuthVerticle extends VerticleBase {

  public static final String SCHEMA = "auth";
  private static final Logger LOG = LoggerFactory.getLogger(AuthVerticle.class);
  private static final long RATE_LIMIT_PURGE_MS = 60_000;
  /** How soon a change's audit record reaches the log; an empty outbox costs one indexed read. */
  private static final long AUDIT_DRAIN_MS = 500;

  private final DevSanctumConfig config;
  private final MeterRegistry metrics;
  private final Clock clock;
  private Pool pool;
  private long rateLimitPurge = -1;
  private long auditDrain = -1;

  public AuthVerticle(DevSanctumConfig config, MeterRegistry metrics) {
    this(config, metrics, Clock.systemUTC());
  }

  /** @param clock drives the sign-in rate limit windows; tests move it forward */
  public AuthVerticle(DevSanctumConfig config, MeterRegistry metrics, Clock clock) {
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    OAuthConfig oauth;
    SessionConfig sessionSettings;
    try {
      oauth = OAuthConfig.from(config.env());
      sessionSettings = SessionConfig.from(config.env());
    } catch (ConfigException invalid) {
      return Future.failedFuture(invalid);
    }
    return SchemaMigrator.migrate(vertx, config.database(), SCHEMA).compose(applied -> {
      pool = PgPools.create(vertx, config.database(), SCHEMA);
      var signingKeys = new SigningKeyService(new PgSigningKeyRepository(pool));
      var serverSecrets = new PgServerSecretRepository(pool);
      return Future.all(signingKeys.signingKey(), DeviceTokens.load(serverSecrets)).map(keys -> {
        SigningKey signingKey = keys.resultAt(0);
        DeviceTokens devices = keys.resultAt(1);
        var users = new PgUserRepository(pool);
        var refreshTokens = new PgRefreshTokenRepository(pool);
        var hasher = new PasswordHasher(vertx);
        var authorizer = new Authorizer(users);
        var limiter = new SignInRateLimiter(new PgSignInFailureRepository(pool), clock);
        rateLimitPurge = vertx.setPeriodic(RATE_LIMIT_PURGE_MS, tick -> limiter.purgeExpired()
            .onFailure(failure -> LOG.warn("purging old sign-in failures failed: {}", failure.getMessage())));

        var accessEvents = new EventBusAccessEvents(vertx);
        var sessions = new SessionService(users, refreshTokens, hasher,
            new AccessTokenIssuer(vertx, signingKey, sessionSettings.accessTokenLifetime()), limiter, devices, accessEvents,
            sessionSettings.refreshReuseGrace());

        var providers = OAuthProviders.enabled(vertx, oauth);
        var identities = new PgOAuthIdentityRepository(pool);
        TypedBus.serve(vertx, AuthContract.class, new AuthEndpoint(
            new SetupService(users, hasher),
            new UserAdminService(users, refreshTokens, hasher, authorizer, limiter,
                new BusOwnedWorkspaces(vertx, config.busTimeout()), accessEvents, new SignInMethods(providers, identities)),
            new PasswordService(users, refreshTokens, hasher, limiter, authorizer, accessEvents),
            sessions,
            signingKeys,
            new OAuthSignInService(providers, new PgOAuthFlowRepository(pool), identities, users, sessions,
                accessEvents),
            new ApiTokenService(new PgApiTokenRepository(pool), authorizer, accessEvents),
            new SshKeyService(new PgSshKeyRepository(pool), serverSecrets, authorizer, accessEvents)),
            TypedBus.FailureTranslator.NONE);
        var auditLog = TypedBus.client(vertx, AuditContract.class, config.busTimeout());
        var auditDelivery = new AuditDelivery(new PgAuditOutbox(pool), auditLog::append);
        auditDrain = vertx.setPeriodic(AUDIT_DRAIN_MS, tick -> auditDelivery.deliverWaiting()
            .onFailure(failure -> BackgroundWork.failed(vertx, LOG, "delivering audit records", failure)));
        HealthResponder.register(vertx, Addresses.AUTH, Map.of("database", HealthResponder.database(pool)));
        return applied;
      });
    });
  }

  @Override
  public Future<?> stop() {
    if (rateLimitPurge >= 0) {
      vertx.cancelTimer(rateLimitPurge);
    }
    if (auditDrain >= 0) {
      vertx.cancelTimer(auditDrain);
    }
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
