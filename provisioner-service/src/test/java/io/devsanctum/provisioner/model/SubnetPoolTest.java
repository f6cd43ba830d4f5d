package io.devsanctum.provisioner.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetPoolTest {

  private static Ipv4Subnet subnet(String cidr) {
    return Ipv4Subnet.parse(cidr);
  }

  @Test
  void theDefaultPoolHoldsTwoHundredFiftySixOwnerNetworksOfTwoHundredFiftyThreeWorkspacesInAddressOrder() {
    List<Ipv4Subnet> free = SubnetPool.DEFAULT.free(List.of()).toList();

    assertThat(free).hasSize(256);
    assertThat(free.get(0)).hasToString("10.213.0.0/24");
    assertThat(free.get(1)).hasToString("10.213.1.0/24");
    assertThat(free.get(255)).hasToString("10.213.255.0/24");
    assertThat(SubnetPool.DEFAULT.containersPerNetwork()).isEqualTo(253);
  }

  @Test
  void skipsBlocksThatAnyNetworkOnTheHostOverlapsWhateverItsSize() {
    SubnetPool pool = new SubnetPool(subnet("10.213.0.0/24"), 26);

    List<Ipv4Subnet> free = pool.free(List.of(subnet("10.213.0.0/26"), subnet("10.213.0.130/32"),
        subnet("172.17.0.0/16"))).toList();

    assertThat(free).containsExactly(subnet("10.213.0.64/26"), subnet("10.213.0.192/26"));
    assertThat(pool.free(List.of(subnet("10.0.0.0/8")))).isEmpty();
  }

  @Test
  void overlapIsSymmetricAndExactAtTheEdges() {
    assertThat(subnet("10.213.0.0/26").overlaps(subnet("10.213.0.63/32"))).isTrue();
    assertThat(subnet("10.213.0.64/26").overlaps(subnet("10.213.0.63/32"))).isFalse();
    assertThat(subnet("10.0.0.0/8").overlaps(subnet("10.213.4.0/26"))).isTrue();
    assertThat(subnet("10.213.4.0/26").overlaps(subnet("10.0.0.0/8"))).isTrue();
    assertThat(subnet("255.255.255.0/24").overlaps(subnet("0.0.0.0/0"))).isTrue();
  }

  @Test
  void readsOnlyIpv4CidrBlocksAndSaysWhatIsWrongWithTheRest() {
    assertThat(Ipv4Subnet.tryParse("fd00:1::/64")).isEmpty();
    assertThat(Ipv4Subnet.tryParse(null)).isEmpty();
    assertThatThrownBy(() -> Ipv4Subnet.parse("10.213.0.0")).hasMessageContaining("CIDR notation");
    assertThatThrownBy(() -> Ipv4Subnet.parse("10.256.0.0/16")).hasMessageContaining("0 to 255");
    assertThatThrownBy(() -> Ipv4Subnet.parse("10.213.0.0/33")).hasMessageContaining("0 to 32");
    assertThatThrownBy(() -> Ipv4Subnet.parse("10.213.0.1/16")).hasMessageContaining("host bits");
    assertThatThrownBy(() -> new SubnetPool(subnet("10.213.0.0/27"), 26)).hasMessageContaining("do not fit");
  }
}
