package io.devsanctum.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.config.ConfigException;
import io.vertx.core.MultiMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  private final TrustedProxies traefik = TrustedProxies.of(List.of("172.20.0.0/16", "::1"), "TEST");

  private static MultiMap headers(String... namesAndValues) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }

  @Test
  void anUntrustedPeersForwardingHeadersAreIgnored() {
    assertThat(traefik.clientAddress("198.51.100.9", headers("X-Forwarded-For", "10.1.1.1"))).isEqualTo("198.51.100.9");
    assertThat(TrustedProxies.none().clientAddress("172.20.0.5", headers("X-Forwarded-For", "10.1.1.1")))
        .isEqualTo("172.20.0.5");
  }

  @Test
  void behindATrustedProxyTheClientIsTheRightMostAddressThatIsNoTrustedProxy() {
    // a client may send its own X-Forwarded-For: only what the trusted proxies appended counts
    assertThat(traefik.clientAddress("172.20.0.5",
        headers("X-Forwarded-For", "6.6.6.6, 203.0.113.4", "X-Forwarded-For", "172.20.0.9")))
        .isEqualTo("203.0.113.4");
    assertThat(traefik.clientAddress("::1", headers("X-Forwarded-For", "2001:db8::7"))).isEqualTo("2001:db8::7");
  }

  @Test
  void theStandardForwardedHeaderIsReadWhenThereIsNoXForwardedFor() {
    assertThat(traefik.clientAddress("172.20.0.5",
        headers("Forwarded", "for=192.0.2.60;proto=https, for=\"[2001:db8::1]:4711\""))).isEqualTo("2001:db8::1");
    assertThat(traefik.clientAddress("172.20.0.5", headers("Forwarded", "for=192.0.2.60:8080"))).isEqualTo("192.0.2.60");
  }

  @Test
  void garbageInForwardingHeadersIsSkipped() {
    assertThat(traefik.clientAddress("172.20.0.5", headers("X-Forwarded-For", "unknown, 203.0.113.4, <script>")))
        .isEqualTo("203.0.113.4");
    assertThat(traefik.clientAddress("172.20.0.5", headers())).as("no header: the proxy itself").isEqualTo("172.20.0.5");
  }

  @Test
  void settingsThatAreNoAddressesAreRefusedAtStart() {
    assertThatThrownBy(() -> TrustedProxies.of(List.of("traefik"), "DEVSANCTUM_TRUSTED_PROXIES"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("DEVSANCTUM_TRUSTED_PROXIES");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"), "X")).isInstanceOf(ConfigException.class);
  }
}
