package io.devsanctum.workspace.fake;

import io.devsanctum.common.contract.provisioner.ContainerInventory;
import io.devsanctum.common.contract.provisioner.ContainerStatus;
import io.devsanctum.common.contract.provisioner.HomeVolume;
import io.devsanctum.common.contract.provisioner.ImageLocation;
import io.devsanctum.common.contract.provisioner.ManagedContainer;
import io.devsanctum.common.contract.provisioner.PublishedApp;
import io.devsanctum.common.contract.workspace.TemplateSpec;
import io.devsanctum.common.contract.workspace.Workspace;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.workspace.service.WorkspaceContainers;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * {@link WorkspaceContainers} as a script (Coder's echo provisioner is the model): one Docker host
 * in memory whose containers start, run and stop when told, and whose every operation a test can
 * make fail, once or several times, with the exception it chooses. It records the operations in
 * the order they were asked.
 */
public final class FakeContainers implements WorkspaceContainers {

  public static final String HOST = "fake-host";

  /** A container of the fake host: whether it runs, and the apps of the spec it was made from. */
  public record Container(String workspaceId, String ownerId, String containerId, boolean running,
      List<PublishedApp> apps) {
  }

  private final Map<String, Container> containers = new ConcurrentHashMap<>();
  private final Map<String, Queue<Supplier<RuntimeException>>> failures = new ConcurrentHashMap<>();
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> unreachableHosts = ConcurrentHashMap.newKeySet();
  private volatile Future<Void> stopsWaitFor = Future.succeededFuture();

  /** The next {@code times} calls of {@code operation} ("start", "ensureVolume", ...) fail with {@code failure}. */
  public FakeContainers failNext(String operation, int times, Supplier<RuntimeException> failure) {
    Queue<Supplier<RuntimeException>> queue = failures.computeIfAbsent(operation, k -> new ConcurrentLinkedQueue<>());
    for (int i = 0; i < times; i++) {
      queue.add(failure);
    }
    return this;
  }

  /** Stops wait until {@code release} completes: a stop is still under way while something races it. */
  public void holdStops(Future<Void> release) {
    stopsWaitFor = release;
  }

  /** The operations asked so far, as {@code operation workspaceId} (or the operation alone). */
  public List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  public List<String> callsNamed(String operation) {
    return calls().stream().filter(call -> call.startsWith(operation)).toList();
  }

  public Map<String, Container> containers() {
    return Map.copyOf(containers);
  }

  /** A container the fake host has without any workspace (left by a crash, say). */
  public void addOrphan(String workspaceId, String containerId) {
    containers.put(workspaceId, new Container(workspaceId, "nobody", containerId, true, List.of()));
  }

  /** The container exits (or disappears, with {@code remove}) behind the platform's back. */
  public void crash(String workspaceId, boolean remove) {
    if (remove) {
      containers.remove(workspaceId);
    } else {
      containers.computeIfPresent(workspaceId, (id, c) -> new Container(id, c.ownerId(), c.containerId(), false, c.apps()));
    }
  }

  public void hostUnreachable(boolean unreachable) {
    if (unreachable) {
      unreachableHosts.add(HOST);
    } else {
      unreachableHosts.clear();
    }
  }

  @Override
  public Future<String> place() {
    return call("place", null, () -> HOST);
  }

  @Override
  public Future<Void> checkImage(String hostId, String image) {
    return call("checkImage", null, () -> null);
  }

  @Override
  public Future<ImageLocation> locateImage(String image) {
    return call("locateImage", null, () -> new ImageLocation(List.of(HOST), List.of(), List.of()));
  }

  @Override
  public Future<HomeVolume> ensureVolume(Workspace workspace) {
    return call("ensureVolume", workspace, () -> new HomeVolume("home-" + workspace.id(), null, null));
  }

  @Override
  public Future<Void> ensureNetwork(Workspace workspace) {
    return call("ensureNetwork", workspace, () -> null);
  }

  @Override
  public Future<Boolean> ensureContainer(Workspace workspace, TemplateSpec spec, Map<String, String> env) {
    return call("ensureContainer", workspace, () -> {
      List<PublishedApp> apps = spec.apps().stream()
          .map(app -> new PublishedApp(app.name(), app.port(), app.isDefault(), null)).toList();
      containers.putIfAbsent(workspace.id().toString(),
          new Container(workspace.id().toString(), workspace.ownerId().toString(), "c-" + workspace.id(), false, apps));
      return false;
    });
  }

  @Override
  public Future<List<PublishedApp>> start(Workspace workspace) {
    return call("start", workspace, () -> {
      Container started = containers.computeIfPresent(workspace.id().toString(), (id, c) -> new Container(id,
          c.ownerId(), c.containerId(), true, c.apps().stream()
              .map(app -> new PublishedApp(app.name(), app.port(), app.isDefault(), upstream(app.port()))).toList()));
      if (started == null) {
        throw new NotFoundException("no container for workspace " + workspace.id());
      }
      return started.apps();
    });
  }

  @Override
  public Future<ContainerStatus> status(Workspace workspace) {
    return call("status", workspace, () -> {
      Container c = containers.get(workspace.id().toString());
      return c == null ? ContainerStatus.absent()
          : new ContainerStatus(true, c.running(), c.running() ? null : 0L, c.containerId(), c.apps());
    });
  }

  @Override
  public Future<Void> stop(Workspace workspace) {
    return stopsWaitFor.compose(released -> call("stop", workspace, () -> {
      containers.computeIfPresent(workspace.id().toString(), (id, c) -> new Container(id, c.ownerId(), c.containerId(),
          false, c.apps().stream().map(app -> new PublishedApp(app.name(), app.port(), app.isDefault(), null)).toList()));
      return null;
    }));
  }

  @Override
  public Future<Void> removeContainer(String hostId, String containerId) {
    return call("removeContainer " + containerId, null, () -> {
      containers.values().removeIf(c -> c.containerId().equals(containerId));
      return null;
    });
  }

  @Override
  public Future<Void> remove(Workspace workspace) {
    return call("remove", workspace, () -> {
      containers.remove(workspace.id().toString());
      return null;
    });
  }

  @Override
  public Future<ContainerInventory> inventory() {
    return call("inventory", null, () -> unreachableHosts.isEmpty()
        ? new ContainerInventory(containers.values().stream()
            .map(c -> new ManagedContainer(HOST, c.containerId(), c.workspaceId(), c.ownerId(), "tv", c.running()))
            .toList(), List.of())
        : new ContainerInventory(List.of(), List.copyOf(unreachableHosts)));
  }

  /** Where the fake host "publishes" an app: an address nothing listens on; the probe is faked too. */
  private static String upstream(int port) {
    return "http://fake-host.invalid:" + port;
  }

  private <T> Future<T> call(String operation, Workspace workspace, Supplier<T> effect) {
    calls.add(workspace == null ? operation : operation + " " + workspace.id());
    Supplier<RuntimeException> failure = failures.getOrDefault(operation, new ConcurrentLinkedQueue<>()).poll();
    if (failure != null) {
      return Future.failedFuture(failure.get());
    }
    try {
      return Future.succeededFuture(effect.get());
    } catch (RuntimeException refused) {
      return Future.failedFuture(refused);
    }
  }
}
