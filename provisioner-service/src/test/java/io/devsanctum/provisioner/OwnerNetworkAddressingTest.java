package io.devsanctum.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Network;
import io.devsanctum.common.bus.ErrorCode;
import io.devsanctum.common.bus.ProvisionerContract;
import io.devsanctum.provisioner.service.WorkspaceResources;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Owner networks get their subnets from the host's own pool, not from the engine's default pools
 * (which hold only about 30 bridge networks), in blocks of the configured size: against the real
 * daemon, with a pool of two blocks, and with owner networks of five addresses that fill up.
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
        "DEVSANCTUM_DOCKER_HOST_LOCAL_NETWORK_POOL", PREFIX + "0/25",
        "DEVSANCTUM_DOCKER_HOST_LOCAL_OWNER_SUBNET_PREFIX", "26"));
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

    String network = bus.request(ProvisionerContract.NETWORK_ENSURE, ownerOn(owner)).getString("network");
    String again = bus.request(ProvisionerContract.NETWORK_ENSURE, ownerOn(owner)).getString("network");
    ReplyException full = bus.failure(ProvisionerContract.NETWORK_ENSURE, ownerOn(otherOwner));

    assertThat(again).isEqualTo(network);
    assertThat(subnetOf(network)).isEqualTo(PREFIX + "64/26");
    assertThat(ErrorCode.of(full)).isEqualTo(ErrorCode.UNPROCESSABLE);
    assertThat(full.getMessage()).contains("no free subnet", PREFIX + "0/25", "NETWORK_POOL");
    assertThat(docker.networkExists("devsanctum-owner-" + otherOwner)).isFalse();
  }

  @Test
  void aStartBeyondWhatTheOwnersNetworkHoldsIsRefusedNamingTheLimit() throws Exception {
    // owner networks of a /29: five containers (eight addresses but the network's, broadcast and gateway)
    String range = "10.215." + ThreadLocalRandom.current().nextInt(256) + ".0/28";
    try (ProvisionerBus small = ProvisionerBus.deploy(Map.of(
        "DEVSANCTUM_DOCKER_HOSTS", HOST + "=unix://" + TestDocker.SOCKET,
        "DEVSANCTUM_DOCKER_HOST_LOCAL_NETWORK_POOL", range,
        "DEVSANCTUM_DOCKER_HOST_LOCAL_OWNER_SUBNET_PREFIX", "29"))) {
      String owner = docker.newOwner();
      small.request(ProvisionerContract.NETWORK_ENSURE, ownerOn(owner));
      for (int i = 0; i <= 5; i++) {
        small.request(ProvisionerContract.CONTAINER_ENSURE,
            ProvisionerBus.containerRequest(HOST, owner + "-" + i, owner, TestDocker.IMAGE));
      }
      for (int i = 0; i < 5; i++) {
        small.request(ProvisionerContract.CONTAINER_START, ProvisionerBus.workspace(HOST, owner + "-" + i));
      }

      ReplyException sixth = small.failure(ProvisionerContract.CONTAINER_START, ProvisionerBus.workspace(HOST, owner + "-5"));

      assertThat(ErrorCode.of(sixth)).isEqualTo(ErrorCode.UNPROCESSABLE);
      assertThat(sixth.getMessage()).contains("already runs 5 workspaces", "/29", "OWNER_SUBNET_PREFIX");
      // a stopped workspace gives its address back
      small.request(ProvisionerContract.CONTAINER_STOP, ProvisionerBus.workspace(HOST, owner + "-0"));
      assertThat(small.request(ProvisionerContract.CONTAINER_START, ProvisionerBus.workspace(HOST, owner + "-5"))
          .getBoolean("running")).isTrue();
    }
  }

  private static JsonObject ownerOn(String owner) {
    return new JsonObject().put("hostId", HOST).put("ownerId", owner);
  }

  private static String subnetOf(String network) {
    return docker.client().inspectNetworkCmd().withNetworkId(network).exec().getIpam().getConfig().get(0).getSubnet();
  }
}
