package io.devsanctum.provisioner.infrastructure.docker;

import com.github.dockerjava.api.DockerClient;
import io.devsanctum.provisioner.model.DockerHost;
import io.devsanctum.provisioner.model.ShellOutput;
import io.devsanctum.provisioner.model.ShellSession;
import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exec without a TTY started on a connection of its own to the engine, because its input must be
 * able to end: docker-java's hijacked connection is never half-closed (its input thread stops at the
 * end of the input stream and leaves the connection open), so a command that reads to the end of
 * its input ({@code cat > file}, {@code wc -c}, {@code tar x}) would wait forever. This is the
 * Docker API's {@code POST /exec/{id}/start} upgraded to a raw stream, as the docker CLI does:
 * stdout and stderr come multiplexed (8-byte frame headers), input goes as is, and shutting the
 * connection's output down ({@link ExecConnection}) closes the process's input.
 */
final class RawExecStream implements ShellSession {

  private static final Logger LOG = LoggerFactory.getLogger(RawExecStream.class);
  private static final int STDERR = 2;
  private static final int MAX_HEADER_BYTES = 16 * 1024;

  private final String execId;
  private final ExecConnection socket;
  private final BiFunction<DockerCall, Consumer<DockerClient>, Future<Void>> blocking;
  /** The last input written or being written; touched only on the session's event loop. */
  private Future<Void> writing = Future.succeededFuture();

  private RawExecStream(String execId, ExecConnection socket,
      BiFunction<DockerCall, Consumer<DockerClient>, Future<Void>> blocking) {
    this.execId = execId;
    this.socket = socket;
    this.blocking = blocking;
  }

  /** Blocking: starts the created exec {@code execId} on {@code host}'s engine; output goes to {@code output}. */
  static RawExecStream start(DockerClient client, DockerHost host, String execId, ShellOutput output,
      BiFunction<DockerCall, Consumer<DockerClient>, Future<Void>> blocking) throws IOException {
    ExecConnection socket = ExecConnection.open(host);
    try {
      byte[] body = "{\"Detach\":false,\"Tty\":false}".getBytes(StandardCharsets.US_ASCII);
      String request = "POST /exec/" + execId + "/start HTTP/1.1\r\nHost: docker\r\n"
          + "Content-Type: application/json\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n";
      writeFully(socket, request.getBytes(StandardCharsets.US_ASCII));
      writeFully(socket, body);
      ByteBuffer rest = readResponseHead(socket);
      Thread reader = new Thread(() -> pump(client, socket, execId, rest, output), "docker-exec-" + execId.substring(0, 12));
      reader.setDaemon(true);
      reader.start();
      return new RawExecStream(execId, socket, blocking);
    } catch (IOException | RuntimeException failed) {
      socket.close();
      throw failed;
    }
  }

  /** Reads the status line and headers; what came after them is the stream's start. */
  private static ByteBuffer readResponseHead(ExecConnection socket) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    while (head.size() < MAX_HEADER_BYTES) {
      buffer.clear();
      if (socket.read(buffer) < 0) {
        throw new IOException("the engine closed the exec's connection before answering");
      }
      buffer.flip();
      head.write(buffer.array(), 0, buffer.limit());
      byte[] bytes = head.toByteArray();
      for (int i = 3; i < bytes.length; i++) {
        if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') {
          String status = new String(bytes, 0, Math.max(0, indexOf(bytes, (byte) '\r')), StandardCharsets.US_ASCII);
          if (!status.contains(" 101 ") && !status.contains(" 200 ")) {
            throw new IOException("the engine refused to start the exec: " + status);
          }
          return ByteBuffer.wrap(bytes, i + 1, bytes.length - i - 1).slice();
        }
      }
    }
    throw new IOException("the engine's answer to an exec start has no end of headers");
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** The multiplexed stream: each frame an 8-byte header (stream, 3 zero bytes, big-endian length), then its bytes. */
  private static void pump(DockerClient client, ExecConnection socket, String execId, ByteBuffer start, ShellOutput output) {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    buffer.put(start);
    try {
      while (true) {
        buffer.flip();
        while (buffer.remaining() >= 8) {
          int stream = buffer.get(buffer.position()) & 0xff;
          int length = buffer.getInt(buffer.position() + 4);
          if (buffer.remaining() < 8 + length) {
            break;
          }
          buffer.position(buffer.position() + 8);
          byte[] payload = new byte[length];
          buffer.get(payload);
          if (stream == STDERR) {
            output.errors(payload);
          } else {
            output.data(payload);
          }
        }
        buffer.compact();
        if (!buffer.hasRemaining()) { // a frame larger than the buffer: make room for it
          ByteBuffer larger = ByteBuffer.allocate(buffer.capacity() * 2);
          buffer.flip();
          larger.put(buffer);
          buffer = larger;
        }
        if (socket.read(buffer) < 0) {
          break;
        }
      }
    } catch (IOException ended) {
      LOG.debug("exec {} stream ended: {}", execId, ended.getMessage());
    } finally {
      closeQuietly(socket);
      output.exited(DockerShellSession.exitCode(client, execId));
    }
  }

  @Override
  public Future<Void> write(byte[] input) {
    writing = writing.transform(previous -> blocking.apply(DockerCall.EXEC_INPUT, docker -> {
      try {
        writeFully(socket, input);
      } catch (IOException e) {
        LOG.debug("exec {} no longer takes input: {}", execId, e.getMessage());
      }
    }));
    return writing;
  }

  @Override
  public void endInput() {
    writing = writing.transform(previous -> blocking.apply(DockerCall.EXEC_INPUT, docker -> {
      try {
        socket.shutdownOutput();
      } catch (IOException e) {
        LOG.debug("exec {}: its input was already closed: {}", execId, e.getMessage());
      }
    }));
  }

  @Override
  public Future<Void> resize(int cols, int rows) {
    return Future.succeededFuture(); // no terminal to resize
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  private static void writeFully(ExecConnection socket, byte[] bytes) throws IOException {
    socket.write(ByteBuffer.wrap(bytes));
  }

  private static void closeQuietly(ExecConnection socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing an exec's connection: {}", e.getMessage());
    }
  }
}
