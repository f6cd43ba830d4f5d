package io.devsanctum.provisioner.infrastructure.docker;

import com.github.dockerjava.core.LocalDirectorySSLConfig;
import io.devsanctum.provisioner.model.DockerHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A connection of its own to a host's engine for one raw exec stream: over its Unix socket, TCP, or
 * TLS over TCP. Its output can be shut down while it is still read: the half-close by which the
 * Docker API ends an attached process's input (the docker CLI does the same).
 */
interface ExecConnection {

  /** Docker's registered ports, for a {@code tcp://} endpoint that names none. */
  int PLAIN_PORT = 2375;
  int TLS_PORT = 2376;

  /** Bytes into {@code into}; -1 once the engine has ended the stream. */
  int read(ByteBuffer into) throws IOException;

  /** All of {@code bytes}. */
  void write(ByteBuffer bytes) throws IOException;

  /** No more input: the process reads to its end. */
  void shutdownOutput() throws IOException;

  void close() throws IOException;

  /** Blocking: connects to {@code host}'s engine (TLS with the host's certificates where it has them). */
  static ExecConnection open(DockerHost host) throws IOException {
    URI endpoint = host.endpoint();
    int timeout = (int) DockerClients.CONNECT_TIMEOUT.toMillis();
    if ("unix".equals(endpoint.getScheme())) {
      return new OverChannel(SocketChannel.open(UnixDomainSocketAddress.of(Path.of(endpoint.getPath()))));
    }
    boolean tls = host.tlsCertPath() != null;
    InetSocketAddress address = new InetSocketAddress(endpoint.getHost(),
        endpoint.getPort() > 0 ? endpoint.getPort() : tls ? TLS_PORT : PLAIN_PORT);
    if (!tls) {
      SocketChannel channel = SocketChannel.open();
      try {
        channel.socket().connect(address, timeout);
        return new OverChannel(channel);
      } catch (IOException failed) {
        channel.close();
        throw failed;
      }
    }
    Socket plain = new Socket();
    try {
      plain.connect(address, timeout);
      SSLSocket socket = (SSLSocket) new LocalDirectorySSLConfig(host.tlsCertPath().toString()).getSSLContext()
          .getSocketFactory().createSocket(plain, endpoint.getHost(), address.getPort(), true);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the engine's certificate must name it
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(timeout);
      socket.startHandshake();
      socket.setSoTimeout(0); // a process may stay silent for as long as it likes
      return new OverTls(socket);
    } catch (IOException | RuntimeException failed) {
      plain.close();
      throw failed;
    }
  }

  /** A Unix or TCP socket channel: reads and writes may block on their own threads at once. */
  record OverChannel(SocketChannel channel) implements ExecConnection {

    @Override
    public int read(ByteBuffer into) throws IOException {
      return channel.read(into);
    }

    @Override
    public void write(ByteBuffer bytes) throws IOException {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }

    @Override
    public void shutdownOutput() throws IOException {
      channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /** TLS: shutting the output down sends close_notify, which the engine reads as the input's end. */
  final class OverTls implements ExecConnection {

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    OverTls(SSLSocket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
      int read = in.read(into.array(), into.arrayOffset() + into.position(), into.remaining());
      if (read > 0) {
        into.position(into.position() + read);
      }
      return read;
    }

    @Override
    public void write(ByteBuffer bytes) throws IOException {
      out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
      out.flush();
      bytes.position(bytes.limit());
    }

    @Override
    public void shutdownOutput() throws IOException {
      socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
