package io.devsanctum.gateway.ssh;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.provisioner.ProcessRequest;
import io.devsanctum.common.contract.provisioner.TerminalControl;
import io.devsanctum.common.contract.provisioner.TerminalSize;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.contract.workspace.WorkspaceState;
import io.devsanctum.gateway.activity.ActivityReports;
import io.devsanctum.gateway.security.Authenticated;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSH channel's shell, command or subsystem, run in the workspace's container through the
 * provisioner (the same Docker exec path as the web terminal), with the event bus in between. The
 * client's bytes are read on a thread of the channel's own and sent to the process; its output is
 * written to the channel, in order, on another (a slow client holds only its own channel back).
 * The channel ends with the process's exit status, or when the access it was opened with ends.
 */
final class WorkspaceProcess implements Command {

  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceProcess.class);
  /** What OpenSSH answers when the session could not run the command at all. */
  static final int EXIT_NOT_RUN = 255;
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  /** Set by the SSH layer itself, not by the client: not passed on. */
  private static final java.util.Set<String> NOT_PASSED = java.util.Set.of(Environment.ENV_USER,
      Environment.ENV_COLUMNS, Environment.ENV_LINES);
  private static final int READ_BYTES = 32 * 1024;
  /** An input chunk's answer comes when the process has taken it, however long that takes (see {@link #pumpInput}). */
  static final DeliveryOptions UNTIL_WRITTEN = new DeliveryOptions().setSendTimeout(Long.MAX_VALUE);

  private final SshGateway gateway;
  private final String kind;
  private final String command;
  private final boolean doneAtEndOfInput;
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exit;
  private ExecutorService writer;
  private MessageConsumer<Object> output;
  private volatile String input;
  private volatile Runnable release = () -> { };
  /** The timer that marks the workspace used while the session is open (-1: none). */
  private volatile long inUse = -1;
  private final AtomicBoolean ended = new AtomicBoolean();
  /** Input chunks that may still be sent before the process has taken earlier ones. */
  private final Semaphore inputCredit = new Semaphore(SshGateway.INPUT_CHUNKS_IN_FLIGHT);
  private final AtomicLong bytesIn = new AtomicLong();
  private final AtomicLong bytesOut = new AtomicLong();
  private long startedNanos;
  private Authenticated opener;
  private String workspaceName;
  private ServerSession session;
  private volatile Integer exitStatus;

  /**
   * {@code command}: a shell command line; null for the login shell. {@code kind} names it in the
   * log. {@code doneAtEndOfInput}: the client's end of input ends the process (true of a protocol
   * whose client has every answer before it closes, as SFTP's), without waiting for the process to exit.
   */
  WorkspaceProcess(SshGateway gateway, String kind, String command, boolean doneAtEndOfInput) {
    this.gateway = gateway;
    this.kind = kind;
    this.command = command;
    this.doneAtEndOfInput = doneAtEndOfInput;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback exit) {
    this.exit = exit;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    startedNanos = System.nanoTime();
    session = channel.getSession();
    opener = session.getAttribute(SshGateway.OPENER);
    Workspace signedInTo = session.getAttribute(SshGateway.WORKSPACE);
    workspaceName = signedInTo.name() + "." + signedInTo.ownerName();
    Caller caller = opener.caller();
    boolean tty = !env.getPtyModes().isEmpty();
    ProcessRequest request = new ProcessRequest(command, tty, tty ? size(env) : null, variables(env, tty));
    writer = Executors.newSingleThreadExecutor(task -> daemon(task, "ssh-out"));
    gateway.metrics().opened();
    String outputAddress = "gateway.ssh." + UUID.randomUUID(); // the process starts once this listens
    output = gateway.vertx().eventBus().consumer(outputAddress, this::onOutput);
    output.completion()
        .compose(listening -> gateway.current(caller, signedInTo.id()))
        .compose(workspace -> workspace.state() == WorkspaceState.RUNNING
            // opened as the gateway, which took the access decision (the provisioner knows no sharing)
            ? gateway.provisioner().openProcess(SshGateway.GATEWAY, workspace.dockerHostId(), workspace.id().toString(), request,
                outputAddress).map(opened -> {
                  connected(opened.inputAddress(), workspace, env);
                  return opened;
                })
            : Future.failedFuture(new IllegalStateException(notRunning(workspace))))
        .onFailure(failure -> end(EXIT_NOT_RUN, failure instanceof IllegalStateException
            ? failure.getMessage() : "the workspace could not start a session: " + failure.getMessage()));
  }

  private static String notRunning(Workspace workspace) {
    return "workspace " + workspace.name() + " is " + workspace.state().name().toLowerCase()
        + ": start it with `devsanctum start " + workspace.name() + "` or from the dashboard";
  }

  private void connected(String inputAddress, Workspace workspace, Environment env) {
    input = inputAddress;
    if (ended.get()) {
      // the client left while the process was starting: destroy() found no process to end
      TypedBus.send(gateway.vertx(), inputAddress, TerminalControl.close());
      return;
    }
    // an open SSH session is use of its workspace, typed into or not (as an open terminal is)
    gateway.activity().used(workspace.id());
    inUse = gateway.vertx().setPeriodic(ActivityReports.WINDOW.toMillis(), id -> gateway.activity().used(workspace.id()));
    release = gateway.live().follow(opener, "the SSH " + kind + " of workspace " + workspace.id(),
        current -> gateway.mayStillOpen(current, workspace.id()),
        () -> {
          end(EXIT_NOT_RUN, "your access to this workspace has ended");
          session.close(false);
        });
    if (ended.get()) { // destroy() ran while these were being set up
      gateway.vertx().cancelTimer(inUse);
      release.run();
      return;
    }
    env.addSignalListener((channel, signal) -> TypedBus.send(gateway.vertx(), inputAddress,
        TerminalControl.resize(size(env).bounded())), Signal.WINCH);
    daemon(this::pumpInput, "ssh-in").start();
  }

  /**
   * The client's bytes to the process, then the end of its input. Each chunk is a request that the
   * provisioner answers once the chunk is in the process's input; with {@link SshGateway#INPUT_CHUNKS_IN_FLIGHT}
   * unanswered the pump reads no more, so MINA stops widening the client's window and a slow process
   * holds its client back instead of filling the bus. An answer may take as long as the process
   * leaves its input unread ({@code sleep 60; cat}), so it has no deadline: the channel's end wakes
   * the pump. A protocol that is done at its client's end of input is ended then.
   */
  private void pumpInput() {
    byte[] buffer = new byte[READ_BYTES];
    try {
      int read;
      while (takeCredit() && (read = in.read(buffer)) >= 0 && !ended.get()) {
        if (read == 0) {
          inputCredit.release();
          continue;
        }
        bytesIn.addAndGet(read);
        gateway.metrics().in(read);
        gateway.vertx().eventBus().request(input, Buffer.buffer(Arrays.copyOf(buffer, read)), UNTIL_WRITTEN)
            .onComplete(written -> inputCredit.release());
      }
      if (doneAtEndOfInput && !ended.get()) {
        TypedBus.send(gateway.vertx(), input, TerminalControl.close());
        end(0, null);
      } else if (!ended.get()) {
        TypedBus.send(gateway.vertx(), input, TerminalControl.endOfInput());
      }
    } catch (IOException closed) {
      LOG.debug("SSH channel input ended: {}", closed.getMessage());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for room for one more chunk in flight; false once the channel has ended. */
  private boolean takeCredit() throws InterruptedException {
    inputCredit.acquire();
    return !ended.get();
  }

  private void onOutput(Message<Object> message) {
    if (message.body() instanceof Buffer bytes) {
      boolean stderr = ProcessRequest.STDERR.equals(message.headers().get(ProcessRequest.STREAM_HEADER));
      later(() -> write(stderr ? err : out, bytes.getBytes()));
    } else if (message.body() instanceof JsonObject exited) { // a TerminalExit, the stream's last message
      Integer code = exited.getInteger("code");
      end(code == null ? EXIT_NOT_RUN : code, null);
    }
  }

  private void write(OutputStream stream, byte[] bytes) {
    try {
      stream.write(bytes);
      stream.flush();
      bytesOut.addAndGet(bytes.length);
      gateway.metrics().out(bytes.length);
    } catch (IOException closed) {
      LOG.debug("SSH channel output ended: {}", closed.getMessage());
    }
  }

  /** Ends the channel with {@code status}, after the output before it and {@code message} (to stderr, when given). */
  private void end(int status, String message) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    wakePump();
    exitStatus = status;
    session.setAttribute(SshGateway.LAST_EXIT, status);
    later(() -> {
      if (message != null) {
        write(err, (message + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
      exit.onExit(status);
    });
  }

  /** On the writer, after what is queued; nothing once the channel is gone. */
  private void later(Runnable work) {
    try {
      writer.execute(work);
    } catch (RejectedExecutionException channelGone) {
      LOG.debug("SSH channel already closed");
    }
  }

  @Override
  public void destroy(ChannelSession channel) {
    ended.set(true);
    wakePump();
    if (inUse >= 0) {
      gateway.vertx().cancelTimer(inUse);
    }
    release.run();
    if (input != null) {
      TypedBus.send(gateway.vertx(), input, TerminalControl.close());
    }
    if (output != null) {
      output.unregister();
    }
    if (writer != null) {
      writer.shutdown();
      gateway.metrics().closed();
      LOG.info("SSH {} of user {} on workspace {} ended after {} ms: exit status {}, {} bytes in, {} bytes out",
          kind, opener.caller().username(), workspaceName, (System.nanoTime() - startedNanos) / 1_000_000,
          exitStatus == null ? "none (the client left)" : exitStatus, bytesIn.get(), bytesOut.get());
    }
  }

  /** Lets a pump waiting for credit see that the channel has ended. */
  private void wakePump() {
    inputCredit.release(SshGateway.INPUT_CHUNKS_IN_FLIGHT);
  }

  private static TerminalSize size(Environment env) {
    return new TerminalSize(number(env.getEnv().get(Environment.ENV_COLUMNS), TerminalSize.DEFAULT.cols()),
        number(env.getEnv().get(Environment.ENV_LINES), TerminalSize.DEFAULT.rows())).bounded();
  }

  /** A side the client gave; 0 (a client without a terminal of its own) or none means the default. */
  private static int number(String text, int otherwise) {
    try {
      int value = text == null ? 0 : Integer.parseInt(text);
      return value > 0 ? value : otherwise;
    } catch (NumberFormatException notANumber) {
      return otherwise;
    }
  }

  /** What the client set (TERM with a terminal, LANG and the like), as far as a shell can name it. */
  private static Map<String, String> variables(Environment env, boolean tty) {
    Map<String, String> variables = new TreeMap<>();
    env.getEnv().forEach((name, value) -> {
      if (!NOT_PASSED.contains(name) && ENV_NAME.matcher(name).matches() && value.length() <= 4096
          && value.chars().noneMatch(Character::isISOControl) && variables.size() < ProcessRequest.MAX_ENV
          && (tty || !name.equals(Environment.ENV_TERM))) {
        variables.put(name, value);
      }
    });
    return variables;
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
