package io.devsanctum.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.config.ClusterConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class VertxFactoryTest {

  @Test
  void memberNamesBecomeAddressesKeepingTheirPorts() {
    assertThat(VertxFactory.resolve(List.of("localhost:5702", "127.0.0.1"))).contains("127.0.0.1:5702", "127.0.0.1");
  }

  @Test
  void unresolvableNamesAreKeptForHazelcastToRetry() {
    assertThat(VertxFactory.resolve(List.of("no-such-host.invalid"))).containsExactly("no-such-host.invalid");
  }

  @Test
  void clusterJoinsOverTcpIpOnlyWithItsOwnName() {
    var config = VertxFactory.hazelcastConfig(new ClusterConfig("team-a", "127.0.0.1", 5701, List.of("127.0.0.1")));

    assertThat(config.getClusterName()).isEqualTo("team-a");
    assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isTrue();
  }
}
