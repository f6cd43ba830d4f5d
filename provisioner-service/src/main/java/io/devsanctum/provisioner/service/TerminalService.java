package io.devsanctum.provisioner.service;

import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.provisioner.model.DockerHost;
import io.devsanctum.provisioner.model.ShellOutput;
import io.devsanctum.provisioner.model.ShellSession;
import io.vertx.core.Future;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Interactive shells in workspace containers (the dashboard's web terminal), by session id. */
public class TerminalService {

  private static final Logger LOG = LoggerFactory.getLogger(TerminalService.class);
  private static final int MAX_DIMENSION = 1000;

  private final DockerHosts hosts;
  private final ContainerRuntime runtime;
  private final Map<String, ShellSession> sessions = new ConcurrentHashMap<>();

  public TerminalService(DockerHosts hosts, ContainerRuntime runtime) {
    this.hosts = hosts;
    this.runtime = runtime;
  }

  /** Opens a shell; {@code output} learns of its end, after which the session is forgotten. */
  public Future<String> open(String hostId, String workspaceId, int cols, int rows, ShellOutput output) {
    DockerHost host = hosts.require(hostId);
    if (cols < 1 || rows < 1 || cols > MAX_DIMENSION || rows > MAX_DIMENSION) {
      return Future.failedFuture(new InvalidInputException("cols/rows", "between 1 and " + MAX_DIMENSION));
    }
    String sessionId = UUID.randomUUID().toString();
    String container = WorkspaceResources.containerName(workspaceId);
    return runtime.inspect(host.id(), container).compose(found -> {
      if (found.isEmpty() || !found.get().running()) {
        return Future.failedFuture(new ConflictException("the workspace's container is not running"));
      }
      return runtime.openShell(host.id(), container, cols, rows, new ShellOutput() {
        @Override
        public void data(byte[] bytes) {
          output.data(bytes);
        }

        @Override
        public void exited(Integer exitCode) {
          sessions.remove(sessionId);
          LOG.info("terminal {} on workspace {} ended (exit code {})", sessionId, workspaceId, exitCode);
          output.exited(exitCode);
        }
      });
    }).map(session -> {
      sessions.put(sessionId, session);
      LOG.info("terminal {} opened on workspace {} (host {})", sessionId, workspaceId, hostId);
      return sessionId;
    });
  }

  public void write(String sessionId, byte[] input) {
    ShellSession session = sessions.get(sessionId);
    if (session != null) {
      session.write(input);
    }
  }

  public Future<Void> resize(String sessionId, int cols, int rows) {
    ShellSession session = sessions.get(sessionId);
    return session == null ? Future.succeededFuture() : session.resize(
        Math.min(Math.max(cols, 1), MAX_DIMENSION), Math.min(Math.max(rows, 1), MAX_DIMENSION));
  }

  public void close(String sessionId) {
    ShellSession session = sessions.remove(sessionId);
    if (session != null) {
      session.close();
    }
  }
}
