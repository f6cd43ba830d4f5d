package io.devsanctum.provisioner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.Env;
import io.devsanctum.provisioner.model.DockerHost;
import io.devsanctum.provisioner.model.Ipv4Subnet;
import io.devsanctum.provisioner.model.SubnetPool;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionerConfigTest {

  @Test
  void defaultsToTheLocalSocketPublishingOnLoopback() {
    ProvisionerConfig config = ProvisionerConfig.from(new Env(Map.of()));

    assertThat(config.hosts()).containsExactly(
        new DockerHost("local", URI.create("unix:///var/run/docker.sock"), null, "127.0.0.1", SubnetPool.DEFAULT));
    assertThat(config.healthInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void readsSeveralHostsWithTheirOwnTlsDirectoryPublishAddressAndNetworkPool(@TempDir Path certs) throws Exception {
    for (String file : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
      Files.writeString(certs.resolve(file), "pem");
    }
    ProvisionerConfig config = ProvisionerConfig.from(new Env(Map.of(
        "DEVSANCTUM_DOCKER_HOSTS", "local=unix:///var/run/docker.sock, build-2=tcp://10.0.0.2:2376",
        "DEVSANCTUM_DOCKER_HOST_BUILD_2_TLS_CERT_PATH", certs.toString(),
        "DEVSANCTUM_DOCKER_HOST_BUILD_2_PUBLISH_ADDRESS", "10.0.0.2",
        "DEVSANCTUM_DOCKER_HOST_BUILD_2_NETWORK_POOL", "172.29.64.0/18",
        "DEVSANCTUM_DOCKER_HOST_BUILD_2_OWNER_SUBNET_PREFIX", "26")));

    assertThat(config.hosts()).containsExactly(
        new DockerHost("local", URI.create("unix:///var/run/docker.sock"), null, "127.0.0.1", SubnetPool.DEFAULT),
        new DockerHost("build-2", URI.create("tcp://10.0.0.2:2376"), certs, "10.0.0.2",
            new SubnetPool(Ipv4Subnet.parse("172.29.64.0/18"), 26)));
    assertThat(config.hosts().get(1).upstreamUrl(32768)).isEqualTo("http://10.0.0.2:32768");
  }

  @Test
  void refusesConfigurationsThatCannotWorkOrWouldExposeWorkspaces(@TempDir Path empty) {
    assertRefused(Map.of("DEVSANCTUM_DOCKER_HOSTS", "local=http://x:1"), "unix:// or tcp://");
    assertRefused(Map.of("DEVSANCTUM_DOCKER_HOSTS", "a=unix:///s,a=unix:///t"), "twice");
    assertRefused(Map.of("DEVSANCTUM_DOCKER_HOSTS", "Bad_Id=unix:///s"), "host id");
    assertRefused(Map.of("DEVSANCTUM_DOCKER_HOSTS", "unix:///s"), "id=endpoint");
    assertRefused(Map.of("DEVSANCTUM_DOCKER_HOST_LOCAL_PUBLISH_ADDRESS", "0.0.0.0"), "never all interfaces");
    assertRefused(Map.of("DEVSANCTUM_DOCKER_HOSTS", "r=tcp://h:2376",
        "DEVSANCTUM_DOCKER_HOST_R_TLS_CERT_PATH", empty.toString()), "ca.pem");
    assertRefused(Map.of("DEVSANCTUM_DOCKER_HOST_LOCAL_TLS_CERT_PATH", empty.toString()), "tcp:// hosts only");
    assertRefused(Map.of("DEVSANCTUM_DOCKER_HOST_LOCAL_NETWORK_POOL", "10.213.0.0"), "CIDR notation");
    assertRefused(Map.of("DEVSANCTUM_DOCKER_HOST_LOCAL_NETWORK_POOL", "10.213.0.1/16"), "host bits");
    assertRefused(Map.of("DEVSANCTUM_DOCKER_HOST_LOCAL_NETWORK_POOL", "10.213.0.0/28"), "do not fit");
    assertRefused(Map.of("DEVSANCTUM_DOCKER_HOST_LOCAL_OWNER_SUBNET_PREFIX", "30"), "OWNER_SUBNET_PREFIX");
    assertRefused(Map.of("DEVSANCTUM_DOCKER_HOST_LOCAL_OWNER_SUBNET_PREFIX", "8"), "OWNER_SUBNET_PREFIX");
  }

  private static void assertRefused(Map<String, String> env, String because) {
    assertThatThrownBy(() -> ProvisionerConfig.from(new Env(env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(because);
  }
}
