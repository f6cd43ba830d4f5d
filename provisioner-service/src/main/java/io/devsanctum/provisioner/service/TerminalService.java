package io.devsanctum.provisioner.service;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.contract.provisioner.ProcessRequest;
import io.devsanctum.common.contract.provisioner.TerminalSize;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.InvalidInputException;
import io.devsanctum.common.validation.TextRules;
import io.devsanctum.provisioner.model.DockerHost;
import io.devsanctum.provisioner.model.ShellOutput;
import io.devsanctum.provisioner.model.ShellSession;
import io.vertx.core.Future;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes in workspace containers, by session id: the dashboard's web terminal, and SSH sessions'
 * shells, commands and subsystems.
 */
public class TerminalService {

  private static final Logger LOG = LoggerFactory.getLogger(TerminalService.class);

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final int MAX_ENV_VALUE = 4096;
  private static final int MAX_COMMAND = 128 * 1024;

  private final DockerHosts hosts;
  private final ContainerRuntime runtime;
  private final Map<String, ShellSession> sessions = new ConcurrentHashMap<>();

  public TerminalService(DockerHosts hosts, ContainerRuntime runtime) {
    this.hosts = hosts;
    this.runtime = runtime;
  }

  /**
   * Starts a process for {@code caller}, the workspace's owner or an admin (FORBIDDEN otherwise, as the
   * container's owner label says); {@code output} learns of its end, after which the session is forgotten.
   */
  public Future<String> open(Caller caller, String hostId, String workspaceId, ProcessRequest request,
      ShellOutput output) {
    DockerHost host = hosts.require(hostId);
    check(request);
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
      return runtime.openProcess(host.id(), container, request, new ShellOutput() {
        @Override
        public void data(byte[] bytes) {
          output.data(bytes);
        }

        @Override
        public void errors(byte[] bytes) {
          output.errors(bytes);
        }

        @Override
        public void exited(Integer exitCode) {
          sessions.remove(sessionId);
          LOG.info("process {} on workspace {} ended (exit code {})", sessionId, workspaceId, exitCode);
          output.exited(exitCode);
        }
      });
    }).map(session -> {
      sessions.put(sessionId, session);
      LOG.info("process {} ({}) started on workspace {} (host {})", sessionId,
          request.command() == null ? "login shell" : "command", workspaceId, hostId);
      return sessionId;
    });
  }

  private static void check(ProcessRequest request) {
    if (request.size() != null && !request.size().withinBounds()) {
      throw new InvalidInputException("size", "cols and rows are 1 to " + TerminalSize.MAX);
    }
    if (request.command() != null) {
      TextRules.multiLine("command", request.command(), MAX_COMMAND);
    }
    if (request.env().size() > ProcessRequest.MAX_ENV) {
      throw new InvalidInputException("env", "at most " + ProcessRequest.MAX_ENV + " variables");
    }
    request.env().forEach((name, value) -> {
      if (!ENV_NAME.matcher(name).matches()) {
        throw new InvalidInputException("env", "a variable's name is letters, digits and _, not starting with a digit");
      }
      TextRules.singleLine("env." + name, value, MAX_ENV_VALUE);
    });
  }

  /** Completes once the input is in the process's connection (at once when the process is gone). */
  public Future<Void> write(String sessionId, byte[] input) {
    ShellSession session = sessions.get(sessionId);
    return session == null ? Future.succeededFuture() : session.write(input);
  }

  public Future<Void> resize(String sessionId, TerminalSize size) {
    ShellSession session = sessions.get(sessionId);
    TerminalSize bounded = size.bounded();
    return session == null ? Future.succeededFuture() : session.resize(bounded.cols(), bounded.rows());
  }

  public void endInput(String sessionId) {
    ShellSession session = sessions.get(sessionId);
    if (session != null) {
      session.endInput();
    }
  }

  public void close(String sessionId) {
    ShellSession session = sessions.remove(sessionId);
    if (session != null) {
      session.close();
    }
  }
}
