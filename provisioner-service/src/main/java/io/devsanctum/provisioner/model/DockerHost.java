package io.devsanctum.provisioner.model;

import java.net.URI;
import java.nio.file.Path;

/**
 * A Docker engine that workspaces can be placed on.
 *
 * @param id             stable name used in labels and requests ({@code local}, {@code build-2}, …)
 * @param endpoint       {@code unix:///var/run/docker.sock} or {@code tcp://host:2376}
 * @param tlsCertPath    directory with ca.pem, cert.pem and key.pem for a TLS tcp endpoint; null without TLS
 * @param publishAddress the host address workspace ports are published on, and from which the
 *                       proxy reaches them (loopback for a local engine, a private address for a remote one)
 * @param networkPool    the addresses owner networks on this host are given
 */
public record DockerHost(String id, URI endpoint, Path tlsCertPath, String publishAddress, SubnetPool networkPool) {

  /** Where the proxy reaches a port this host published. */
  public String upstreamUrl(int hostPort) {
    String address = publishAddress.contains(":") ? "[" + publishAddress + "]" : publishAddress;
    return "http://" + address + ":" + hostPort;
  }
}
