package io.devsanctum.provisioner;

import static io.devsanctum.provisioner.ProvisionerBus.SERVICE;
import static io.devsanctum.provisioner.ProvisionerBus.await;
import static io.devsanctum.provisioner.ProvisionerBus.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Network;
import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.provisioner.service.WorkspaceResources;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Owner networks get their subnets from the host's own pool, not from the engine's default pools
 * (which hold only about 30 bridge networks): against the real daemon, with a pool of two blocks.
 */
class OwnerNetworkAddressingTest {

  private static final String HOST = "local";
  // a range of its own per run, so that no leftover of another run can fill it
  private static final String PREFIX = "10.214." + ThreadLocalRandom.current().nextInt(256) + ".";

  private static TestDocker docker;
  private static ProvisionerBus bus;

  @BeforeAll
  static void deploy() throws Exception {
    docker = TestDocker.connect();
    bus = ProvisionerBus.deploy(Map.of(
        "DEVSANCTUM_DOCKER_HOSTS", HOST + "=unix://" + TestDocker.SOCKET,
        "DEVSANCTUM_DOCKER_HOST_LOCAL_NETWORK_POOL", PREFIX + "0/25"));
  }

  @AfterAll
  static void close() throws Exception {
    bus.close();
    docker.close();
  }

  @Test
  void ownerNetworksTakeTheFirstBlockNoOtherNetworkCoversAndAFullPoolIsRefusedClearly() throws Exception {
    String foreignOwner = docker.newOwner();
    // a network the operator made by hand on the pool's first block
    docker.client().createNetworkCmd().withName("test-foreign-" + TestDocker.shortId())
        .withLabels(Map.of(WorkspaceResources.OWNER_ID, foreignOwner))
        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(PREFIX + "0/26")))
        .exec();
    String owner = docker.newOwner();
    String otherOwner = docker.newOwner();

    String network = await(bus.provisioner().ensureNetwork(SERVICE, HOST, owner));
    String again = await(bus.provisioner().ensureNetwork(SERVICE, HOST, owner));
    BusFailure full = refusal(bus.provisioner().ensureNetwork(SERVICE, HOST, otherOwner));

    assertThat(again).isEqualTo(network);
    assertThat(subnetOf(network)).isEqualTo(PREFIX + "64/26");
    assertThat(full.errorCode()).isEqualTo(ErrorCode.UNPROCESSABLE);
    assertThat(full.getMessage()).contains("no free subnet", PREFIX + "0/25", "NETWORK_POOL");
    assertThat(docker.networkExists("devsanctum-owner-" + otherOwner)).isFalse();
  }

  private static String subnetOf(String network) {
    return docker.client().inspectNetworkCmd().withNetworkId(network).exec().getIpam().getConfig().get(0).getSubnet();
  }
}
