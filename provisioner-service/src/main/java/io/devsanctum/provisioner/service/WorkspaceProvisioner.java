package io.devsanctum.provisioner.service;

import static io.devsanctum.provisioner.service.WorkspaceResources.containerName;
import static io.devsanctum.provisioner.service.WorkspaceResources.networkName;
import static io.devsanctum.provisioner.service.WorkspaceResources.volumeName;

import io.devsanctum.common.contract.provisioner.ContainerApp;
import io.devsanctum.common.contract.provisioner.ContainerInventory;
import io.devsanctum.common.contract.provisioner.ContainerRequest;
import io.devsanctum.common.contract.provisioner.ContainerSpec;
import io.devsanctum.common.contract.provisioner.ContainerStatus;
import io.devsanctum.common.contract.provisioner.EnsuredContainer;
import io.devsanctum.common.contract.provisioner.HomeVolume;
import io.devsanctum.common.contract.provisioner.ManagedContainer;
import io.devsanctum.common.contract.provisioner.PublishedApp;
import io.devsanctum.common.contract.provisioner.WorkspaceOnHost;
import io.devsanctum.common.domain.UnprocessableException;
import io.devsanctum.provisioner.config.WorkspaceContainerConfig;
import io.devsanctum.provisioner.model.ContainerDefinition;
import io.devsanctum.provisioner.model.ContainerState;
import io.devsanctum.provisioner.model.ContainerSummary;
import io.devsanctum.provisioner.model.DockerHost;
import io.devsanctum.provisioner.model.ImageConfig;
import io.devsanctum.provisioner.model.NetworkDefinition;
import io.devsanctum.provisioner.model.VolumeDefinition;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker side of a workspace's lifecycle: its home volume, its owner's network and its
 * container. Every operation is idempotent and keyed by immutable ids, so the orchestrator can
 * repeat any step after a crash; operations on one workspace (or one owner's network) run one at a
 * time in this instance.
 */
public class WorkspaceProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceProvisioner.class);

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  /**
   * Ports are published on the host's publish address only, also as the bridge's default, so a
   * container can never end up reachable on every interface.
   */
  private static final String BRIDGE_HOST_BINDING = "com.docker.network.bridge.host_binding_ipv4";
  // the hosts' interfaces have an MTU of 1400; a larger bridge MTU stalls large transfers
  private static final Map<String, String> BRIDGE_MTU = Map.of("com.docker.network.driver.mtu", "1400");

  private final DockerHosts hosts;
  private final ContainerRuntime runtime;
  private final WorkspaceContainerConfig containers;
  private final KeyedSequencer sequencer = new KeyedSequencer();

  public WorkspaceProvisioner(DockerHosts hosts, ContainerRuntime runtime, WorkspaceContainerConfig containers) {
    this.hosts = hosts;
    this.runtime = runtime;
    this.containers = containers;
  }

  /** The workspace's home volume, with the configured size limit where the host can apply it. */
  public Future<HomeVolume> ensureVolume(WorkspaceOnHost workspace) {
    hosts.require(workspace.hostId());
    VolumeDefinition volume = new VolumeDefinition(volumeName(workspace.workspaceId()),
        WorkspaceResources.workspaceLabels(workspace), containers.homeSize());
    return runtime.ensureVolume(workspace.hostId(), volume);
  }

  /** The owner's network; its name. */
  public Future<String> ensureNetwork(String hostId, String ownerId) {
    DockerHost host = hosts.require(hostId);
    NetworkDefinition network = network(host, ownerId);
    return sequencer.submit(key(hostId, network.name()), () -> runtime.ensureNetwork(hostId, network))
        .map(network.name());
  }

  /** The image is on the host (pulled where a registry has it); UNPROCESSABLE naming it otherwise. */
  public Future<Void> checkImage(String hostId, String image) {
    hosts.require(hostId);
    return runtime.ensureImage(hostId, image);
  }

  /**
   * The workspace's container, created (not started) with its volume and network if missing. An
   * existing container made from the same definition is kept; one made from another (a new
   * template version, changed parameters or settings) is replaced, the home volume staying. This
   * runs only while the workspace starts, so a container still running then (left by a failed
   * stop) is replaced too rather than kept with a definition the workspace no longer has.
   */
  public Future<EnsuredContainer> ensureContainer(ContainerRequest request) {
    DockerHost host = hosts.require(request.workspace().hostId());
    ContainerSpecRules.check(request.spec());
    String image = request.spec().image();
    // the image decides the user when the template does not, so it is there (pulled) first
    return runtime.ensureImage(host.id(), image)
        .compose(pulled -> runtime.inspectImage(host.id(), image))
        .compose(config -> {
          ContainerDefinition wanted = definition(host, request, config.map(ImageConfig::user).orElse(""));
          return sequencer.submit(key(host.id(), wanted.name()), () -> runtime.inspect(host.id(), wanted.name())
              .compose(existing -> {
                if (existing.isEmpty()) {
                  return create(host, request, wanted).map(id -> new EnsuredContainer(id, false));
                }
                ContainerState current = existing.get();
                if (wanted.labels().get(WorkspaceResources.DEFINITION)
                    .equals(current.labels().get(WorkspaceResources.DEFINITION))) {
                  return Future.succeededFuture(new EnsuredContainer(current.containerId(), false));
                }
                return runtime.removeContainer(host.id(), current.containerId())
                    .compose(removed -> create(host, request, wanted))
                    .map(id -> new EnsuredContainer(id, true));
              }));
        });
  }

  /** Starts the container (a running one is left alone); its apps' upstream URLs. */
  public Future<ContainerStatus> start(String hostId, String workspaceId) {
    DockerHost host = hosts.require(hostId);
    String name = containerName(workspaceId);
    return sequencer.submit(key(hostId, name), () -> runtime.start(hostId, name))
        .recover(failure -> Future.failedFuture(failure instanceof ContainerRuntime.NetworkFullException
            ? new UnprocessableException("workspace " + workspaceId + " cannot start on Docker host '" + hostId
                + "': its owner already runs " + host.networkPool().containersPerNetwork() + " workspaces there, all a /"
                + host.networkPool().blockPrefixLength() + " owner network holds; stop one, or give owners larger "
                + "networks (DEVSANCTUM_DOCKER_HOST_<ID>_OWNER_SUBNET_PREFIX) and keep them below it with a quota")
            : failure))
        .compose(started -> status(host, name))
        .compose(status -> status.running()
            ? Future.succeededFuture(status)
            : Future.failedFuture(new UnprocessableException("the container of workspace " + workspaceId
                + " on Docker host '" + hostId + "' exited right after start (exit code " + status.exitCode() + ")")))
        .onSuccess(status -> LOG.info("container {} started on Docker host '{}'", name, hostId));
  }

  public Future<ContainerStatus> status(String hostId, String workspaceId) {
    return status(hosts.require(hostId), containerName(workspaceId));
  }

  public Future<Void> stop(String hostId, String workspaceId) {
    hosts.require(hostId);
    String name = containerName(workspaceId);
    return sequencer.submit(key(hostId, name), () -> runtime.stop(hostId, name, STOP_GRACE))
        .onSuccess(stopped -> LOG.info("container {} stopped on Docker host '{}'", name, hostId));
  }

  /** Container and home volume, then the owner's network once none of the owner's containers is left on the host. */
  public Future<Void> remove(WorkspaceOnHost workspace) {
    String hostId = hosts.require(workspace.hostId()).id();
    String workspaceId = workspace.workspaceId();
    String ownerId = workspace.ownerId();
    String container = containerName(workspaceId);
    String network = networkName(ownerId);
    return sequencer.submit(key(hostId, container), () -> runtime.removeContainer(hostId, container)
            .compose(removed -> runtime.removeVolume(hostId, volumeName(workspaceId))))
        .compose(removed -> sequencer.submit(key(hostId, network), () -> runtime
            .list(hostId, WorkspaceResources.ownedOn(hostId, ownerId))
            .compose(left -> left.isEmpty()
                ? runtime.removeNetworkIfUnused(hostId, network).mapEmpty()
                : Future.<Void>succeededFuture())))
        .onSuccess(removed -> LOG.info("container and home volume of workspace {} removed from Docker host '{}'",
            workspaceId, hostId));
  }

  /** Every managed container on every host that answers; the others are named, never guessed empty. */
  public Future<ContainerInventory> inventory() {
    List<DockerHost> all = hosts.all();
    List<Future<List<ContainerSummary>>> listings = all.stream()
        .map(host -> runtime.list(host.id(), WorkspaceResources.managedOn(host.id())))
        .toList();
    return Future.join(listings).otherwiseEmpty().map(done -> {
      List<ManagedContainer> containers = new ArrayList<>();
      List<String> unreachable = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        Future<List<ContainerSummary>> listing = listings.get(i);
        if (listing.succeeded()) {
          String hostId = all.get(i).id();
          listing.result().forEach(summary -> containers.add(managed(hostId, summary)));
        } else {
          unreachable.add(all.get(i).id());
        }
      }
      return new ContainerInventory(containers, unreachable);
    });
  }

  /** Removes a managed container of this host that has no workspace; an absent one is fine. */
  public Future<Void> removeOrphan(String hostId, String containerId) {
    hosts.require(hostId);
    return runtime.inspect(hostId, containerId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      Map<String, String> labels = found.get().labels();
      if (!"true".equals(labels.get(WorkspaceResources.MANAGED)) || !hostId.equals(labels.get(WorkspaceResources.HOST_ID))) {
        return Future.failedFuture(new UnprocessableException(
            "container " + containerId + " on Docker host '" + hostId + "' is not managed by DevSanctum on that host"));
      }
      return runtime.removeContainer(hostId, found.get().containerId());
    });
  }

  private Future<String> create(DockerHost host, ContainerRequest request, ContainerDefinition definition) {
    String hostId = host.id();
    NetworkDefinition network = network(host, request.workspace().ownerId());
    // creation happens under the network's key too, so a concurrent remove of the owner's last
    // other workspace cannot delete the network between its ensure and the container's create
    return ensureVolume(request.workspace())
        .compose(volume -> sequencer.submit(key(hostId, network.name()), () -> runtime.ensureNetwork(hostId, network)
            .compose(ensured -> runtime.ensureContainer(hostId, definition))))
        .onSuccess(id -> LOG.info("container {} created for workspace {} on Docker host '{}' from {}",
            definition.name(), request.workspace().workspaceId(), hostId, definition.image()));
  }

  private Future<ContainerStatus> status(DockerHost host, String name) {
    return runtime.inspect(host.id(), name).map(found -> found.map(state -> status(host, state))
        .orElseGet(ContainerStatus::absent));
  }

  private static ContainerStatus status(DockerHost host, ContainerState state) {
    List<PublishedApp> apps = WorkspaceResources.apps(state.labels()).stream()
        .map(app -> {
          Integer hostPort = state.running() ? state.publishedPorts().get(app.port()) : null;
          return new PublishedApp(app.name(), app.port(), app.isDefault(),
              hostPort == null ? null : host.upstreamUrl(hostPort));
        })
        .toList();
    return new ContainerStatus(true, state.running(), state.exitCode(), state.containerId(), apps);
  }

  private static NetworkDefinition network(DockerHost host, String ownerId) {
    Map<String, String> options = new HashMap<>(BRIDGE_MTU);
    options.put(BRIDGE_HOST_BINDING, host.publishAddress());
    return new NetworkDefinition(networkName(ownerId), WorkspaceResources.networkLabels(host.id(), ownerId), options,
        host.networkPool());
  }

  /** The container the request asks for, labelled with its own fingerprint. */
  private ContainerDefinition definition(DockerHost host, ContainerRequest request, String imageUser) {
    ContainerSpec spec = request.spec();
    WorkspaceOnHost workspace = request.workspace();
    Map<String, String> labels = new HashMap<>(WorkspaceResources.workspaceLabels(workspace));
    labels.put(WorkspaceResources.APPS, WorkspaceResources.appsLabel(spec.apps()));
    ContainerDefinition definition = new ContainerDefinition(
        containerName(workspace.workspaceId()),
        spec.image(),
        HardeningPolicy.user(spec.user(), imageUser, containers.defaultUser()),
        spec.entrypoint(),
        spec.command(),
        environment(request),
        labels,
        volumeName(workspace.workspaceId()),
        spec.homePath(),
        networkName(workspace.ownerId()),
        spec.apps().stream().map(ContainerApp::port).toList(),
        host.publishAddress(),
        HardeningPolicy.memoryBytes(spec.memoryMb()),
        HardeningPolicy.nanoCpus(spec.cpuMillis()),
        spec.pidsLimit(),
        HardeningPolicy.WORKSPACE,
        HardeningPolicy.logOptions(containers.logMaxSize(), containers.logMaxFiles()));
    return definition.withLabel(WorkspaceResources.DEFINITION, definition.fingerprint());
  }

  /** The template's variables, then the platform's, which a template cannot override. */
  private static Map<String, String> environment(ContainerRequest request) {
    Map<String, String> env = new HashMap<>(request.spec().env());
    env.put("DEVSANCTUM_WORKSPACE_ID", request.workspace().workspaceId());
    env.put("DEVSANCTUM_WORKSPACE_NAME", request.workspaceName());
    env.put("DEVSANCTUM_OWNER_NAME", request.ownerName());
    request.spec().defaultApp().ifPresent(app -> env.put("DEVSANCTUM_APP_PORT", Integer.toString(app.port())));
    return env;
  }

  private static ManagedContainer managed(String hostId, ContainerSummary summary) {
    Map<String, String> labels = summary.labels();
    return new ManagedContainer(hostId, summary.containerId(), labels.get(WorkspaceResources.WORKSPACE_ID),
        labels.get(WorkspaceResources.OWNER_ID), labels.get(WorkspaceResources.TEMPLATE_VERSION), summary.running());
  }

  private static String key(String hostId, String objectName) {
    return hostId + "/" + objectName;
  }
}
