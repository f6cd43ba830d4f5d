package io.devsanctum.standalone.oidc;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a loopback port in front of a server, which a test can cut (the port stops
 * listening and every open connection is closed, as when the server's host drops off the network)
 * and restore on the same port. Keycloak names its issuer after the address it is reached at, so a
 * provider configured through this port keeps its issuer across the outage.
 */
public final class CuttableProxy implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final NetClient upstream = vertx.createNetClient();
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private final int targetPort;
  private final int port;
  private NetServer server;

  public CuttableProxy(int targetPort) {
    this.targetPort = targetPort;
    this.server = listen(0);
    this.port = server.actualPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** From now on nothing reaches the server through this port. */
  public synchronized void cut() {
    server.close().await();
    open.forEach(NetSocket::close);
    open.clear();
  }

  /** Listens again, on the same port. */
  public synchronized void restore() {
    server = listen(port);
  }

  private NetServer listen(int onPort) {
    return vertx.createNetServer().connectHandler(client -> {
      client.pause();
      open.add(client);
      upstream.connect(targetPort, "127.0.0.1").onComplete(connected -> {
        if (connected.failed()) {
          client.close();
          return;
        }
        NetSocket target = connected.result();
        open.add(target);
        client.pipeTo(target);
        target.pipeTo(client);
        client.closeHandler(closed -> target.close());
        target.closeHandler(closed -> client.close());
        client.resume();
      });
    }).listen(onPort, "127.0.0.1").await();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
