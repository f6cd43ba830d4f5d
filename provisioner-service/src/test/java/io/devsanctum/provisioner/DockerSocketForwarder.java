package io.devsanctum.provisioner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exposes the local Docker socket on a 127.0.0.1 TCP port, so a second "host" (a tcp:// endpoint)
 * can be configured against the one daemon, and taken down by closing the forwarder. Run as its own
 * process ({@link #main}), it is a host that can also be frozen (SIGSTOP: connections are still
 * accepted by the kernel, but nothing answers) and killed.
 */
public final class DockerSocketForwarder implements AutoCloseable {

  private final ServerSocketChannel server;
  private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();

  /** Forwards on a free port. */
  public DockerSocketForwarder() throws IOException {
    this(0);
  }

  private DockerSocketForwarder(int port) throws IOException {
    server = ServerSocketChannel.open();
    server.socket().setReuseAddress(true);
    server.bind(new InetSocketAddress("127.0.0.1", port));
    daemon(this::accept, "docker-forwarder-accept");
  }

  /** Forwards on the port given (0: a free one), prints "listening on <port>", and runs until killed. */
  public static void main(String[] args) throws Exception {
    DockerSocketForwarder forwarder = new DockerSocketForwarder(args.length > 0 ? Integer.parseInt(args[0]) : 0);
    System.out.println("listening on " + forwarder.port());
    System.out.flush();
    Thread.currentThread().join();
  }

  public int port() throws IOException {
    return ((InetSocketAddress) server.getLocalAddress()).getPort();
  }

  private void accept() {
    while (server.isOpen()) {
      try {
        SocketChannel client = server.accept();
        SocketChannel docker = SocketChannel.open(UnixDomainSocketAddress.of(TestDocker.SOCKET));
        connections.add(client);
        connections.add(docker);
        Connection connection = new Connection(client, docker);
        daemon(() -> connection.copy(client, docker), "docker-forwarder-up");
        daemon(() -> connection.copy(docker, client), "docker-forwarder-down");
      } catch (IOException closed) {
        return;
      }
    }
  }

  /**
   * One forwarded connection. The end of one direction is passed on as a half-close, as a TCP path
   * to a real engine does (the engine closes an exec's input when its client shuts its output down);
   * the connection closes once both directions have ended or either fails.
   */
  private static final class Connection {

    private final SocketChannel client;
    private final SocketChannel docker;
    private final AtomicInteger open = new AtomicInteger(2);

    Connection(SocketChannel client, SocketChannel docker) {
      this.client = client;
      this.docker = docker;
    }

    void copy(SocketChannel from, SocketChannel to) {
      ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
      try {
        while (from.read(buffer) >= 0) {
          buffer.flip();
          while (buffer.hasRemaining()) {
            to.write(buffer);
          }
          buffer.clear();
        }
        to.shutdownOutput();
        if (open.decrementAndGet() > 0) {
          return;
        }
      } catch (IOException closed) {
        // either side went away: the connection is over
      }
      closeQuietly(client);
      closeQuietly(docker);
    }
  }

  /** Stops listening and cuts every open connection, like a host going down. */
  @Override
  public void close() {
    closeQuietly(server);
    connections.forEach(DockerSocketForwarder::closeQuietly);
  }

  private static void closeQuietly(java.nio.channels.Channel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing is all we want
    }
  }

  private static void daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }
}
