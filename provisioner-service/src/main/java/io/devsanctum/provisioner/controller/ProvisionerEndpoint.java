package io.devsanctum.provisioner.controller;

import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.contract.ContractJson;
import io.devsanctum.common.contract.provisioner.ContainerInventory;
import io.devsanctum.common.contract.provisioner.ContainerRequest;
import io.devsanctum.common.contract.provisioner.ContainerStatus;
import io.devsanctum.common.contract.provisioner.DockerHostStatus;
import io.devsanctum.common.contract.provisioner.EnsuredContainer;
import io.devsanctum.common.contract.provisioner.HomeVolume;
import io.devsanctum.common.contract.provisioner.ImageLocation;
import io.devsanctum.common.contract.provisioner.ProvisionerContract;
import io.devsanctum.common.contract.provisioner.ProcessRequest;
import io.devsanctum.common.contract.provisioner.TerminalControl;
import io.devsanctum.common.contract.provisioner.TerminalExit;
import io.devsanctum.common.contract.provisioner.TerminalSession;
import io.devsanctum.common.contract.provisioner.WorkspaceOnHost;
import io.devsanctum.provisioner.model.HostStatus;
import io.devsanctum.provisioner.model.ShellOutput;
import io.devsanctum.provisioner.service.HostMonitor;
import io.devsanctum.provisioner.service.ProvisionerPolicy;
import io.devsanctum.provisioner.service.TerminalService;
import io.devsanctum.provisioner.service.WorkspaceProvisioner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * provisioner-service's side of {@link ProvisionerContract}: the caller checked, then the
 * service. A process's input and output stream over per-session addresses beside it.
 */
public class ProvisionerEndpoint implements ProvisionerContract {

  /** Where a process's input goes: this, then its session id. */
  public static final String TERMINAL_INPUT = ADDRESS + ".terminal.";
  private static final DeliveryOptions STDERR =
      new DeliveryOptions().addHeader(ProcessRequest.STREAM_HEADER, ProcessRequest.STDERR);

  private final Vertx vertx;
  private final HostMonitor monitor;
  private final WorkspaceProvisioner provisioner;
  private final TerminalService terminals;

  public ProvisionerEndpoint(Vertx vertx, HostMonitor monitor, WorkspaceProvisioner provisioner,
      TerminalService terminals) {
    this.vertx = vertx;
    this.monitor = monitor;
    this.provisioner = provisioner;
    this.terminals = terminals;
  }

  @Override
  public Future<List<DockerHostStatus>> hosts(Caller caller) {
    ProvisionerPolicy.requireHostReading(caller);
    return monitor.checkAll().map(hosts -> hosts.stream().map(ProvisionerEndpoint::status).toList());
  }

  @Override
  public Future<String> place(Caller caller) {
    ProvisionerPolicy.requireContainerManagement(caller);
    return monitor.place().map(HostStatus::id);
  }

  @Override
  public Future<Void> checkImage(Caller caller, String hostId, String image) {
    ProvisionerPolicy.requireContainerManagement(caller);
    return provisioner.checkImage(hostId, image);
  }

  @Override
  public Future<ImageLocation> locateImage(Caller caller, String image) {
    ProvisionerPolicy.requireContainerManagement(caller);
    return monitor.locateImage(image);
  }

  @Override
  public Future<HomeVolume> ensureVolume(Caller caller, WorkspaceOnHost workspace) {
    ProvisionerPolicy.requireContainerManagement(caller);
    return provisioner.ensureVolume(workspace);
  }

  @Override
  public Future<String> ensureNetwork(Caller caller, String hostId, String ownerId) {
    ProvisionerPolicy.requireContainerManagement(caller);
    return provisioner.ensureNetwork(hostId, ownerId);
  }

  @Override
  public Future<EnsuredContainer> ensureContainer(Caller caller, ContainerRequest request) {
    ProvisionerPolicy.requireContainerManagement(caller);
    return provisioner.ensureContainer(request);
  }

  @Override
  public Future<ContainerStatus> start(Caller caller, String hostId, String workspaceId) {
    ProvisionerPolicy.requireContainerManagement(caller);
    return provisioner.start(hostId, workspaceId);
  }

  @Override
  public Future<ContainerStatus> status(Caller caller, String hostId, String workspaceId) {
    ProvisionerPolicy.requireContainerManagement(caller);
    return provisioner.status(hostId, workspaceId);
  }

  @Override
  public Future<Void> stop(Caller caller, String hostId, String workspaceId) {
    ProvisionerPolicy.requireContainerManagement(caller);
    return provisioner.stop(hostId, workspaceId);
  }

  @Override
  public Future<Void> remove(Caller caller, WorkspaceOnHost workspace) {
    ProvisionerPolicy.requireContainerManagement(caller);
    return provisioner.remove(workspace);
  }

  @Override
  public Future<ContainerInventory> inventory(Caller caller) {
    ProvisionerPolicy.requireContainerManagement(caller);
    return provisioner.inventory();
  }

  @Override
  public Future<Void> removeOrphan(Caller caller, String hostId, String containerId) {
    ProvisionerPolicy.requireContainerManagement(caller);
    return provisioner.removeOrphan(hostId, containerId);
  }

  @Override
  public Future<TerminalSession> openProcess(Caller caller, String hostId, String workspaceId, ProcessRequest request,
      String outputAddress) {
    RemoteTerminal remote = new RemoteTerminal(outputAddress);
    return terminals.open(caller, hostId, workspaceId, request, remote).map(sessionId -> {
      String inputAddress = TERMINAL_INPUT + sessionId;
      remote.input = vertx.eventBus().consumer(inputAddress, in -> onInput(sessionId, in));
      return new TerminalSession(sessionId, inputAddress);
    });
  }

  private static DockerHostStatus status(HostStatus status) {
    return new DockerHostStatus(status.id(), status.host().endpoint().toString(), status.host().publishAddress(),
        status.healthy(), status.error(), status.workspaces(), status.cpus(), status.memoryBytes());
  }

  private void onInput(String sessionId, Message<Object> in) {
    Object body = in.body();
    if (body instanceof Buffer keystrokes) {
      // answered once written: a sender that waits for answers goes at the process's pace
      terminals.write(sessionId, keystrokes.getBytes()).onComplete(written -> in.reply(null));
    } else if (body instanceof JsonObject json) {
      TerminalControl control;
      try {
        control = ContractJson.MAPPER.convertValue(json.getMap(), TerminalControl.class);
      } catch (IllegalArgumentException unreadable) {
        return; // ignored, as unknown controls are
      }
      if (TerminalControl.RESIZE.equals(control.type()) && control.size() != null) {
        terminals.resize(sessionId, control.size());
      } else if (TerminalControl.EOF.equals(control.type())) {
        terminals.endInput(sessionId);
      } else if (TerminalControl.CLOSE.equals(control.type())) {
        terminals.close(sessionId);
      }
    }
  }

  /** The caller's end of a session: output goes to its address; the input consumer ends with the shell. */
  private final class RemoteTerminal implements ShellOutput {
    private final String outputAddress;
    private volatile MessageConsumer<Object> input;

    RemoteTerminal(String outputAddress) {
      this.outputAddress = outputAddress;
    }

    @Override
    public void data(byte[] bytes) {
      vertx.eventBus().send(outputAddress, Buffer.buffer(bytes));
    }

    @Override
    public void errors(byte[] bytes) {
      vertx.eventBus().send(outputAddress, Buffer.buffer(bytes), STDERR);
    }

    @Override
    public void exited(Integer exitCode) {
      TypedBus.send(vertx, outputAddress, new TerminalExit(exitCode));
      if (input != null) {
        input.unregister();
      }
    }
  }
}
