package io.devsanctum.routing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DEVSANCTUM_PROXY_PROVIDER=caddy and its settings: defaults, and a clear refusal of what cannot work. */
class CaddyConfigTest {

  @Test
  void caddyIsSelectedByConfigurationWithDefaultsForOneMachine() {
    RoutingConfig routing = routing(Map.of("DEVSANCTUM_PROXY_PROVIDER", "caddy"));

    assertThat(routing.proxyProvider()).isEqualTo(RoutingConfig.ProxyProviderKind.CADDY);
    assertThat(routing.caddy()).isEqualTo(new CaddyConfig(URI.create("http://127.0.0.1:2019"), "devsanctum",
        List.of(URI.create("http://127.0.0.1:8080/internal/authz")), Duration.ofSeconds(10)));
  }

  @Test
  void severalGatewaysAreListedWithOnePath() {
    RoutingConfig routing = routing(Map.of("DEVSANCTUM_PROXY_PROVIDER", "caddy",
        "DEVSANCTUM_CADDY_AUTHZ_URL", "http://gw-1:8080/internal/authz, http://gw-2:8080/internal/authz",
        "DEVSANCTUM_CADDY_RECONCILE_INTERVAL_SECONDS", "3"));

    assertThat(routing.caddy().authzUrls()).extracting(URI::getHost).containsExactly("gw-1", "gw-2");
    assertThat(routing.caddy().reconcileInterval()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void settingsThatCannotWorkAreRefusedAtStartNamingTheVariable() {
    assertRefused("DEVSANCTUM_CADDY_ADMIN_URL", "unix:///run/caddy.sock");
    assertRefused("DEVSANCTUM_CADDY_ADMIN_URL", "http://127.0.0.1:2019/config/");
    assertRefused("DEVSANCTUM_CADDY_SERVER", "srv/../x");
    assertRefused("DEVSANCTUM_CADDY_AUTHZ_URL", "http://gw-1:8080/internal/authz,http://gw-2:8080/other");
    assertRefused("DEVSANCTUM_CADDY_AUTHZ_URL", "gateway:8080");
    assertRefused("DEVSANCTUM_CADDY_RECONCILE_INTERVAL_SECONDS", "0");
    assertThatThrownBy(() -> routing(Map.of("DEVSANCTUM_PROXY_PROVIDER", "nginx")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("builtin, traefik or caddy");
  }

  @Test
  void caddysSettingsAreNotReadForAnotherDataPlane() {
    assertThat(routing(Map.of("DEVSANCTUM_CADDY_SERVER", "srv/../x")).caddy()).isNull();
  }

  private static void assertRefused(String variable, String value) {
    assertThatThrownBy(() -> routing(Map.of("DEVSANCTUM_PROXY_PROVIDER", "caddy", variable, value)))
        .as("%s=%s", variable, value).isInstanceOf(ConfigException.class).hasMessageContaining(variable);
  }

  private static RoutingConfig routing(Map<String, String> variables) {
    return RoutingConfig.from(DevSanctumConfig.from(new Env(new HashMap<>(variables))));
  }
}
