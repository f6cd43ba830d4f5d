package io.devsanctum.gateway.ssh;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.provisioner.ProcessRequest;
import io.devsanctum.common.contract.provisioner.TerminalControl;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.gateway.security.Authenticated;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.ChannelAsyncOutputStream;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.channel.AbstractServerChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ssh -L} ({@code direct-tcpip}) into a workspace: the client's connection is carried over a
 * Docker exec of a relay in the container ({@code nc}, else bash's {@code /dev/tcp}) that connects
 * to the port on the container's own loopback, which reaches any port the workspace listens on.
 * The gateway never connects to container addresses. Only loopback destinations are taken
 * ({@code localhost}, {@code 127.0.0.1}, {@code ::1}): the workspace's other neighbours are not the
 * client's business.
 */
final class WorkspacePortChannel extends AbstractServerChannel {

  private static final Logger LOG = LoggerFactory.getLogger(WorkspacePortChannel.class);
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "0:0:0:0:0:0:0:1");
  private static final Duration WRITE_WAIT = Duration.ofMinutes(5);

  static ChannelFactory factory(SshGateway gateway) {
    return new ChannelFactory() {
      @Override
      public String getName() {
        return "direct-tcpip";
      }

      @Override
      public org.apache.sshd.common.channel.Channel createChannel(org.apache.sshd.common.session.Session session) {
        return new WorkspacePortChannel(gateway);
      }
    };
  }

  /**
   * The relay: connect to the port on the container's loopback, pass bytes both ways, end when it
   * closes. In bash the writer's input is named ({@code <&0}): a background job's input is
   * otherwise /dev/null, and the client's bytes would never reach the port.
   */
  static String relay(int port) {
    return "if command -v nc >/dev/null 2>&1; then exec nc 127.0.0.1 " + port + "; fi; "
        + "if command -v bash >/dev/null 2>&1; then exec bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + port
        + " || exit 1; cat <&3 & reader=$!; cat <&0 >&3 & wait $reader'; fi; "
        + "echo 'this workspace has neither nc nor bash to reach its ports with' >&2; exit 127";
  }

  private final SshGateway gateway;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicLong bytesIn = new AtomicLong();
  private final AtomicLong bytesOut = new AtomicLong();
  private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "ssh-forward-out");
    thread.setDaemon(true);
    return thread;
  });
  private ChannelAsyncOutputStream out;
  private MessageConsumer<Object> output;
  private volatile String input;
  private volatile Runnable release = () -> { };
  private long startedNanos;
  private int port;
  private Authenticated opener;
  private Workspace signedInTo;

  private WorkspacePortChannel(SshGateway gateway) {
    super("", Collections.emptyList(), null);
    this.gateway = gateway;
  }

  @Override
  protected OpenFuture doInit(org.apache.sshd.common.util.buffer.Buffer buffer) {
    DefaultOpenFuture opened = new DefaultOpenFuture(this, futureLock);
    String host = buffer.getString();
    port = buffer.getInt();
    startedNanos = System.nanoTime();
    opener = getSession().getAttribute(SshGateway.OPENER);
    signedInTo = getSession().getAttribute(SshGateway.WORKSPACE);
    if (!LOOPBACK.contains(host.toLowerCase()) || port < 1 || port > 65535) {
      opened.setException(new SshChannelOpenException(getChannelId(), SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED,
          "only ports on the workspace's own loopback (localhost:<port>) can be forwarded"));
      return opened;
    }
    out = new ChannelAsyncOutputStream(this, SshConstants.SSH_MSG_CHANNEL_DATA);
    gateway.metrics().opened();
    addCloseFutureListener(closed -> ended());
    Caller caller = opener.caller();
    String outputAddress = "gateway.ssh.forward." + UUID.randomUUID();
    output = gateway.vertx().eventBus().consumer(outputAddress, this::onOutput);
    output.completion()
        .compose(listening -> gateway.current(caller, signedInTo.id()))
        .compose(workspace -> workspace.state() == WorkspaceState.RUNNING
            ? gateway.provisioner().openProcess(SshGateway.GATEWAY, workspace.dockerHostId(), workspace.id().toString(),
                new ProcessRequest(relay(port), false, null, Map.of()), outputAddress)
            : Future.failedFuture(new IllegalStateException("the workspace is " + workspace.state())))
        .onSuccess(session -> {
          input = session.inputAddress();
          if (ended.get()) {
            // the client left while the relay was starting: ended() found no relay to stop
            TypedBus.send(gateway.vertx(), input, TerminalControl.close());
            return;
          }
          gateway.activity().used(signedInTo.id());
          release = gateway.live().follow(opener, "a forwarded port of workspace " + signedInTo.id(),
              current -> gateway.mayStillOpen(current, signedInTo.id()), () -> close(false));
          if (ended.get()) { // ended() ran while the follow was being set up
            release.run();
            return;
          }
          signalChannelOpenSuccess(); // the connection service confirms the open to the client on this
          opened.setOpened();
        })
        .onFailure(failure -> opened.setException(new SshChannelOpenException(getChannelId(),
            SshConstants.SSH_OPEN_CONNECT_FAILED, "cannot reach port " + port + " of the workspace: "
            + failure.getMessage())));
    return opened;
  }

  private void onOutput(Message<Object> message) {
    if (message.body() instanceof Buffer bytes) {
      gateway.activity().used(signedInTo.id()); // traffic through a forwarded port is use (reported once a minute)
      if (ProcessRequest.STDERR.equals(message.headers().get(ProcessRequest.STREAM_HEADER))) {
        LOG.info("forward to port {} of workspace {}: {}", port, signedInTo.id(), bytes.toString().strip());
        return;
      }
      later(() -> {
        try {
          out.writeBuffer(new ByteArrayBuffer(bytes.getBytes())).verify(WRITE_WAIT.toMillis());
          bytesOut.addAndGet(bytes.length());
          gateway.metrics().out(bytes.length());
        } catch (IOException gone) {
          LOG.debug("forwarded channel closed: {}", gone.getMessage());
        }
      });
    } else if (message.body() instanceof JsonObject) { // a TerminalExit: the port closed its side
      later(() -> close(false));
    }
  }

  private void later(Runnable work) {
    try {
      writer.execute(work);
    } catch (RejectedExecutionException channelGone) {
      LOG.debug("forwarded channel already closed");
    }
  }

  /**
   * The client's bytes to the relay. The window they took is given back once the provisioner answers
   * that they are in the relay's input, so no more than one window is ever on its way (SSH's own
   * flow control, carried to the container); the answer has no deadline, as in {@link WorkspaceProcess}.
   */
  @Override
  protected void doWriteData(byte[] data, int off, long len) throws IOException {
    String to = input;
    if (to == null) {
      getLocalWindow().release(len);
      return;
    }
    bytesIn.addAndGet(len);
    gateway.metrics().in(len);
    gateway.vertx().eventBus().request(to, Buffer.buffer(Arrays.copyOfRange(data, off, off + (int) len)),
        WorkspaceProcess.UNTIL_WRITTEN).onComplete(written -> {
          try {
            getLocalWindow().release(len);
          } catch (IOException closed) {
            LOG.debug("forwarded channel closed before its window was given back: {}", closed.getMessage());
          }
        });
  }

  @Override
  protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
    throw new IllegalStateException("a forwarded port has no extended data");
  }

  @Override
  public void handleWindowAdjust(org.apache.sshd.common.util.buffer.Buffer buffer) throws IOException {
    super.handleWindowAdjust(buffer);
    if (out != null) {
      out.onWindowExpanded();
    }
  }

  @Override
  public void handleEof() throws IOException {
    super.handleEof(); // the relay's input cannot be half-closed: it ends when either side closes
  }

  private void ended() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    release.run();
    if (input != null) {
      TypedBus.send(gateway.vertx(), input, TerminalControl.close());
    }
    if (output != null) {
      output.unregister();
    }
    writer.shutdown();
    gateway.metrics().closed();
    LOG.info("SSH forward of user {} to port {} of workspace {}.{} ended after {} ms: {} bytes in, {} bytes out",
        opener.caller().username(), port, signedInTo.name(), signedInTo.ownerName(),
        (System.nanoTime() - startedNanos) / 1_000_000, bytesIn.get(), bytesOut.get());
  }
}
