package io.devsanctum.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.devsanctum.common.bus.BusFailure;
import io.devsanctum.common.bus.Caller;
import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.config.Env;
import io.devsanctum.common.contract.provisioner.ContainerApp;
import io.devsanctum.common.contract.provisioner.ContainerRequest;
import io.devsanctum.common.contract.provisioner.ContainerSpec;
import io.devsanctum.common.contract.provisioner.ProvisionerContract;
import io.devsanctum.common.contract.provisioner.WorkspaceOnHost;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A deployed ProvisionerVerticle on a local Vert.x, driven through its contract the way other services do. */
public final class ProvisionerBus implements AutoCloseable {

  /** The orchestrator's identity: provisioner calls come from services. */
  public static final Caller SERVICE = Caller.service("workspace");

  private final VertxRuntime runtime;
  private final ProvisionerContract provisioner;

  private ProvisionerBus(VertxRuntime runtime) {
    this.runtime = runtime;
    // Docker work (a pull, a stop) takes longer than the usual bus timeout
    this.provisioner = TypedBus.client(runtime.vertx(), ProvisionerContract.class, Duration.ofSeconds(60));
  }

  public static ProvisionerBus deploy(Map<String, String> env) throws Exception {
    VertxRuntime runtime = VertxFactory.local();
    ProvisionerVerticle verticle = new ProvisionerVerticle(DevSanctumConfig.from(new Env(env)), runtime.meterRegistry());
    await(runtime.vertx().deployVerticle(verticle));
    return new ProvisionerBus(runtime);
  }

  public VertxRuntime runtime() {
    return runtime;
  }

  public ProvisionerContract provisioner() {
    return provisioner;
  }

  /** The refusal of a call that must fail. */
  public static BusFailure refusal(Future<?> call) throws Exception {
    try {
      Object answer = await(call);
      return fail("expected a refusal, but the provisioner answered " + answer);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(BusFailure.class);
      return (BusFailure) e.getCause();
    }
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
  }

  public static WorkspaceOnHost workspace(String hostId, String workspaceId, String ownerId) {
    return new WorkspaceOnHost(hostId, workspaceId, ownerId, "tv-1");
  }

  /** A container request for {@code image} with one default app on 8080. */
  public static ContainerRequest containerRequest(String hostId, String workspaceId, String ownerId, String image) {
    return containerRequest(hostId, workspaceId, ownerId, spec(image, null, Map.of("GREETING", "hello")));
  }

  public static ContainerRequest containerRequest(String hostId, String workspaceId, String ownerId, ContainerSpec spec) {
    return new ContainerRequest(workspace(hostId, workspaceId, ownerId), "alice", "ws-" + workspaceId, spec);
  }

  /** A spec for {@code image} with one default app on 8080; {@code user} null for the image's choice. */
  public static ContainerSpec spec(String image, String user, Map<String, String> env) {
    return new ContainerSpec(image, user, List.of(), List.of(), env, "/home/coder",
        List.of(new ContainerApp("web", 8080, true)), 500, 64, 128);
  }

  @Override
  public void close() throws Exception {
    await(runtime.vertx().close());
  }
}
