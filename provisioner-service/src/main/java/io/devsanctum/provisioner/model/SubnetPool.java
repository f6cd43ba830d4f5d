package io.devsanctum.provisioner.model;

import java.util.Collection;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The address range a Docker host's owner networks are cut from, one block of
 * {@code blockPrefixLength} per owner. DevSanctum assigns the subnets itself because the engine's
 * default pools hold only about 30 bridge networks, far fewer than a host's owners.
 */
public record SubnetPool(Ipv4Subnet range, int blockPrefixLength) {

  /** /24: 253 running workspaces per owner, 256 owners in a /16. */
  public static final int DEFAULT_BLOCK_PREFIX_LENGTH = 24;
  public static final SubnetPool DEFAULT = new SubnetPool(Ipv4Subnet.parse("10.213.0.0/16"), DEFAULT_BLOCK_PREFIX_LENGTH);

  public SubnetPool {
    if (blockPrefixLength < range.prefixLength() || blockPrefixLength > 29) {
      throw new IllegalArgumentException("owner networks of /" + blockPrefixLength + " do not fit in " + range
          + " (a block needs a prefix length between " + range.prefixLength() + " and 29)");
    }
  }

  /**
   * How many containers one owner network holds at once: its addresses but the network's own, its
   * broadcast address and the bridge's gateway. A stopped container holds no address.
   */
  public long containersPerNetwork() {
    return (1L << (32 - blockPrefixLength)) - 3;
  }

  /** The pool's blocks that overlap none of {@code used}, lowest first. */
  public Stream<Ipv4Subnet> free(Collection<Ipv4Subnet> used) {
    return LongStream.range(0, range.count(blockPrefixLength))
        .mapToObj(index -> range.block(blockPrefixLength, index))
        .filter(block -> used.stream().noneMatch(block::overlaps));
  }

  @Override
  public String toString() {
    return range + " in /" + blockPrefixLength + " blocks";
  }
}
