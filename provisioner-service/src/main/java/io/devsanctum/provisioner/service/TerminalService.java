package io.devsanctum.provisioner.service;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.provisioner.TerminalSize;
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

  private final DockerHosts hosts;
  private final ContainerRuntime runtime;
  private final Map<String, ShellSession> sessions = new ConcurrentHashMap<>();

  public TerminalService(DockerHosts hosts, ContainerRuntime runtime) {
    this.hosts = hosts;
    this.runtime = runtime;
  }

  /**
   * Opens a shell for {@code caller}, the workspace's owner or an admin (FORBIDDEN otherwise, as the
   * container's owner label says); {@code output} learns of its end, after which the session is forgotten.
   */
  public Future<String> open(Caller caller, String hostId, String workspaceId, TerminalSize size, ShellOutput output) {
    DockerHost host = hosts.require(hostId);
    if (!size.withinBounds()) {
      return Future.failedFuture(new InvalidInputException("size", "cols and rows are 1 to " + TerminalSize.MAX));
    }
    String sessionId = UUID.randomUUID().toString();
    String container = WorkspaceResources.containerName(workspaceId);
    return runtime.inspect(host.id(), container).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new ConflictException("the workspace has no container"));
      }
      ProvisionerPolicy.requireTerminal(caller, workspaceId, found.get().labels().get(WorkspaceResources.OWNER_ID));
      if (!found.get().running()) {
        return Future.failedFuture(new ConflictException("the workspace's container is not running"));
      }
      return runtime.openShell(host.id(), container, size.cols(), size.rows(), new ShellOutput() {
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

  public Future<Void> resize(String sessionId, TerminalSize size) {
    ShellSession session = sessions.get(sessionId);
    TerminalSize bounded = size.bounded();
    return session == null ? Future.succeededFuture() : session.resize(bounded.cols(), bounded.rows());
  }

  public void close(String sessionId) {
    ShellSession session = sessions.remove(sessionId);
    if (session != null) {
      session.close();
    }
  }
}
