package io.devsanctum.gateway.security;

import io.devsanctum.common.config.ConfigException;
import io.netty.util.NetUtil;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The reverse proxies in front of the gateway whose {@code X-Forwarded-For}, {@code Forwarded} and
 * {@code X-Forwarded-Proto} headers are believed (Coder's realip rule). For a request from any
 * other peer those headers are ignored: the client is the TCP peer, so nobody can pose as another
 * address to escape the sign-in limits or appear so in logs. Behind a trusted proxy the client is
 * the right-most forwarded address that is not itself a trusted proxy.
 */
public final class TrustedProxies {

  /** A CIDR block: the address bytes and how many leading bits must match. */
  private record Block(byte[] network, int bits) {

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = bits / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      return rest == 0 || ((address[whole] ^ network[whole]) & (0xff << (8 - rest))) == 0;
    }
  }

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = blocks;
  }

  public static TrustedProxies none() {
    return new TrustedProxies(List.of());
  }

  /** From CIDR blocks or single addresses ("10.0.0.0/8", "127.0.0.1", "::1"); {@code variable} names the setting in errors. */
  public static TrustedProxies of(List<String> entries, String variable) {
    List<Block> blocks = new ArrayList<>();
    for (String entry : entries) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int slash = trimmed.indexOf('/');
      byte[] network = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? trimmed : trimmed.substring(0, slash));
      if (network == null) {
        throw new ConfigException(variable + ": '" + trimmed + "' is not an IP address or CIDR block");
      }
      int bits = network.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > network.length * 8) {
          throw new ConfigException(variable + ": '" + trimmed + "' has an invalid prefix length");
        }
      }
      blocks.add(new Block(network, bits));
    }
    return new TrustedProxies(List.copyOf(blocks));
  }

  /** The client's address: the peer's, or what a trusted proxy in front says it was. */
  public String clientAddress(HttpServerRequest request) {
    return clientAddress(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
        request.headers());
  }

  /** The client's address for a request from {@code peer} with these headers. */
  String clientAddress(String peer, MultiMap headers) {
    if (peer == null) {
      return "unknown";
    }
    if (!isTrusted(peer)) {
      return peer;
    }
    List<String> chain = forwardedChain(headers);
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (!isTrusted(chain.get(i))) {
        return chain.get(i);
      }
    }
    return chain.isEmpty() ? peer : chain.get(0);
  }

  /** Served over https: directly, or behind a trusted proxy that says so. */
  public boolean isHttps(HttpServerRequest request) {
    if (request.isSSL()) {
      return true;
    }
    String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    return peer != null && isTrusted(peer) && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
  }

  /** Asked several times for every proxied request: without trusted proxies (the default) nothing is parsed. */
  boolean isTrusted(String address) {
    if (blocks.isEmpty()) {
      return false;
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
    if (bytes == null) {
      return false;
    }
    for (Block block : blocks) {
      if (block.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  /** The forwarded addresses, oldest (the original client) first; entries that are not IP addresses are dropped. */
  private static List<String> forwardedChain(MultiMap headers) {
    List<String> chain = new ArrayList<>();
    List<String> xff = headers.getAll("X-Forwarded-For");
    if (!xff.isEmpty()) {
      xff.forEach(header -> {
        for (String part : header.split(",")) {
          addIfAddress(chain, part.trim());
        }
      });
      return chain;
    }
    headers.getAll("Forwarded").forEach(header -> {
      for (String element : header.split(",")) {
        for (String pair : element.split(";")) {
          String trimmed = pair.trim();
          if (trimmed.regionMatches(true, 0, "for=", 0, 4)) {
            addIfAddress(chain, unquote(trimmed.substring(4)));
          }
        }
      }
    });
    return chain;
  }

  /** RFC 7239 node: "192.0.2.1", "\"[2001:db8::1]:4711\"", "192.0.2.1:80". */
  private static String unquote(String node) {
    String value = node.startsWith("\"") && node.endsWith("\"") && node.length() > 1
        ? node.substring(1, node.length() - 1) : node;
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      return end > 0 ? value.substring(1, end) : value;
    }
    int colon = value.indexOf(':');
    return colon > 0 && value.indexOf(':', colon + 1) < 0 ? value.substring(0, colon) : value;
  }

  private static void addIfAddress(List<String> chain, String candidate) {
    if (NetUtil.isValidIpV4Address(candidate) || NetUtil.isValidIpV6Address(candidate)) {
      chain.add(candidate);
    }
  }
}
