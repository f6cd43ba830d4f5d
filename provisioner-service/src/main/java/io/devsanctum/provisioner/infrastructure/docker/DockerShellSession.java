package io.devsanctum.provisioner.infrastructure.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.devsanctum.common.contract.provisioner.ProcessRequest;
import io.devsanctum.provisioner.model.ShellOutput;
import io.devsanctum.provisioner.model.ShellSession;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code docker exec -it} through docker-java (a process with a terminal; one without is a
 * {@link RawExecStream}): the exec's hijacked connection reads input
 * from a pipe and hands output frames to the {@link ShellOutput} on docker-java's reader thread.
 * Writing to the pipe blocks while the shell does not read (a large paste, a busy shell), so
 * keystrokes are written on the Docker worker pool, one write after the other.
 */
final class DockerShellSession implements ShellSession {

  private static final Logger LOG = LoggerFactory.getLogger(DockerShellSession.class);
  /** A login shell: bash where the image has it, sh otherwise. */
  private static final List<String> LOGIN_SHELL =
      List.of("/bin/sh", "-c", "if command -v bash >/dev/null 2>&1; then exec bash -l; else exec sh -l; fi");
  private static final int PIPE_BYTES = 64 * 1024;

  private final String execId;
  private final PipedOutputStream stdin;
  private final ResultCallback.Adapter<Frame> stream;
  private final BiFunction<DockerCall, Consumer<DockerClient>, Future<Void>> blocking;
  /** The last keystrokes written or being written; touched only on the session's event loop. */
  private Future<Void> writing = Future.succeededFuture();

  private DockerShellSession(String execId, PipedOutputStream stdin, ResultCallback.Adapter<Frame> stream,
      BiFunction<DockerCall, Consumer<DockerClient>, Future<Void>> blocking) {
    this.execId = execId;
    this.stdin = stdin;
    this.stream = stream;
    this.blocking = blocking;
  }

  /**
   * Blocking: creates and starts the exec. {@code blocking} runs later work, named by its operation,
   * on the Docker worker pool.
   */
  static DockerShellSession start(DockerClient client, String container, ProcessRequest request, ShellOutput output,
      BiFunction<DockerCall, Consumer<DockerClient>, Future<Void>> blocking) {
    String execId = createExec(client, container, request);
    PipedOutputStream stdin = new PipedOutputStream();
    PipedInputStream input;
    try {
      input = new PipedInputStream(stdin, PIPE_BYTES);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ResultCallback.Adapter<Frame> stream = client.execStartCmd(execId).withTty(request.tty()).withStdIn(input)
        .exec(new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Frame frame) {
            if (frame.getStreamType() == StreamType.STDERR) {
              output.errors(frame.getPayload());
            } else {
              output.data(frame.getPayload());
            }
          }

          @Override
          public void onComplete() {
            output.exited(exitCode(client, execId));
          }

          @Override
          public void onError(Throwable failure) {
            LOG.debug("process {} ended with an error: {}", execId, failure.getMessage());
            output.exited(null);
          }
        });
    return new DockerShellSession(execId, stdin, stream, blocking);
  }

  /** Blocking: the exec for {@code request} in the container, created but not started; its id. */
  static String createExec(DockerClient client, String container, ProcessRequest request) {
    List<String> command = request.command() == null ? LOGIN_SHELL : List.of("/bin/sh", "-c", request.command());
    return client.execCreateCmd(container)
        .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true).withTty(request.tty())
        .withEnv(request.env().entrySet().stream().map(variable -> variable.getKey() + "=" + variable.getValue())
            .sorted().toList())
        .withCmd(command.toArray(String[]::new))
        .exec().getId();
  }

  @Override
  public void endInput() {
    // a terminal's input ends with its EOF character (^D), which the client sends as input
  }

  @Override
  public Future<Void> write(byte[] input) {
    writing = writing.transform(previous -> blocking.apply(DockerCall.EXEC_INPUT, docker -> writeNow(input)));
    return writing;
  }

  private void writeNow(byte[] input) {
    try {
      stdin.write(input);
      stdin.flush();
    } catch (IOException e) {
      LOG.debug("shell {} no longer takes input: {}", execId, e.getMessage());
    }
  }

  @Override
  public Future<Void> resize(int cols, int rows) {
    return blocking.apply(DockerCall.EXEC_RESIZE, docker -> docker.resizeExecCmd(execId).withSize(rows, cols).exec());
  }

  @Override
  public void close() {
    try {
      stdin.close();
      stream.close();
    } catch (IOException e) {
      LOG.debug("closing shell {}: {}", execId, e.getMessage());
    }
  }

  static Integer exitCode(DockerClient client, String execId) {
    try {
      Long code = client.inspectExecCmd(execId).exec().getExitCodeLong();
      return code == null ? null : code.intValue();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
