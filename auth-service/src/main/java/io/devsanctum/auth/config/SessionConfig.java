package io.devsanctum.auth.config;

import io.devsanctum.auth.service.AccessTokenIssuer;
import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.Env;
import java.time.Duration;

/**
 * How long sign-ins' tokens live.
 *
 * @param accessTokenLifetime how long an access token lives; short lifetimes make tests exercise renewal
 * @param refreshReuseGrace   time after its exchange in which a refresh token presented again is a
 *                            racing tab, not a theft
 */
public record SessionConfig(Duration accessTokenLifetime, Duration refreshReuseGrace) {

  static final String ACCESS_TOKEN_LIFETIME = "DEVSANCTUM_AUTH_ACCESS_TOKEN_SECONDS";
  static final String REFRESH_REUSE_GRACE = "DEVSANCTUM_AUTH_REFRESH_REUSE_GRACE_SECONDS";

  public static SessionConfig from(Env env) {
    int accessSeconds = env.integer(ACCESS_TOKEN_LIFETIME, (int) AccessTokenIssuer.DEFAULT_LIFETIME.toSeconds());
    if (accessSeconds < 10 || accessSeconds > 3600) {
      throw new ConfigException(ACCESS_TOKEN_LIFETIME + " must be 10 to 3600 seconds");
    }
    int graceSeconds = env.integer(REFRESH_REUSE_GRACE, 10);
    if (graceSeconds < 0 || graceSeconds > 300) {
      throw new ConfigException(REFRESH_REUSE_GRACE + " must be 0 to 300 seconds");
    }
    return new SessionConfig(Duration.ofSeconds(accessSeconds), Duration.ofSeconds(graceSeconds));
  }
}
