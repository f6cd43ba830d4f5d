package io.devsanctum.provisioner.model;

import java.util.Optional;

/** An IPv4 block in CIDR notation, such as {@code 10.213.4.0/26}; the address is its first one. */
public record Ipv4Subnet(int address, int prefixLength) {

  public Ipv4Subnet {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("an IPv4 prefix length is 0 to 32, got " + prefixLength);
    }
    if ((address & ~mask(prefixLength)) != 0) {
      throw new IllegalArgumentException(dotted(address) + "/" + prefixLength + " has host bits set");
    }
  }

  /** Parses {@code a.b.c.d/n}; IllegalArgumentException saying why otherwise. */
  public static Ipv4Subnet parse(String cidr) {
    String[] parts = cidr == null ? new String[0] : cidr.trim().split("/", -1);
    String[] octets = parts.length == 2 ? parts[0].split("\\.", -1) : new String[0];
    if (octets.length != 4 || !parts[1].matches("\\d{1,2}")) {
      throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 subnet in CIDR notation (such as 10.213.0.0/16)");
    }
    int address = 0;
    for (String octet : octets) {
      if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
        throw new IllegalArgumentException("'" + cidr + "' has an octet that is not 0 to 255: '" + octet + "'");
      }
      address = (address << 8) | Integer.parseInt(octet);
    }
    return new Ipv4Subnet(address, Integer.parseInt(parts[1]));
  }

  /** Empty for anything that is not an IPv4 CIDR block (an IPv6 subnet, say). */
  public static Optional<Ipv4Subnet> tryParse(String cidr) {
    try {
      return Optional.of(parse(cidr));
    } catch (IllegalArgumentException notIpv4) {
      return Optional.empty();
    }
  }

  public boolean overlaps(Ipv4Subnet other) {
    int shorter = Math.min(prefixLength, other.prefixLength);
    return ((address ^ other.address) & mask(shorter)) == 0;
  }

  /** How many blocks of {@code prefixLength} fit in this one. */
  public long count(int smallerPrefixLength) {
    return smallerPrefixLength < prefixLength ? 0 : 1L << (smallerPrefixLength - prefixLength);
  }

  /** The {@code index}-th block of {@code smallerPrefixLength} inside this one. */
  public Ipv4Subnet block(int smallerPrefixLength, long index) {
    if (index < 0 || index >= count(smallerPrefixLength)) {
      throw new IndexOutOfBoundsException(index + " is not a /" + smallerPrefixLength + " of " + this);
    }
    return new Ipv4Subnet((int) (Integer.toUnsignedLong(address) + (index << (32 - smallerPrefixLength))),
        smallerPrefixLength);
  }

  @Override
  public String toString() {
    return dotted(address) + "/" + prefixLength;
  }

  private static int mask(int prefixLength) {
    return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
  }

  private static String dotted(int address) {
    return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
  }
}
