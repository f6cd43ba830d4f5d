package io.devsanctum.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.devsanctum.common.config.DevSanctumConfig;
import io.devsanctum.common.config.Env;
import io.devsanctum.common.runtime.VertxFactory;
import io.devsanctum.common.runtime.VertxRuntime;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A deployed ProvisionerVerticle on a local Vert.x, driven over the event bus the way other services do. */
public final class ProvisionerBus implements AutoCloseable {

  private static final DeliveryOptions SLOW_OPERATIONS = new DeliveryOptions().setSendTimeout(60_000);

  private final VertxRuntime runtime;

  private ProvisionerBus(VertxRuntime runtime) {
    this.runtime = runtime;
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

  /** The reply of a request that must succeed. */
  public JsonObject request(String address, JsonObject body) throws Exception {
    return await(send(address, body)).body();
  }

  /** The failure of a request that must fail. */
  public ReplyException failure(String address, JsonObject body) throws Exception {
    try {
      JsonObject reply = await(send(address, body)).body();
      return fail("expected " + address + " to fail, but it answered " + reply);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ReplyException.class);
      return (ReplyException) e.getCause();
    }
  }

  public Future<Message<JsonObject>> send(String address, JsonObject body) {
    return runtime.vertx().eventBus().request(address, body, SLOW_OPERATIONS);
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
  }

  /** A CONTAINER_ENSURE body for the minimal image with one default app on 8080. */
  public static JsonObject containerRequest(String hostId, String workspaceId, String ownerId, String image) {
    return new JsonObject()
        .put("hostId", hostId)
        .put("workspaceId", workspaceId)
        .put("ownerId", ownerId)
        .put("ownerName", "alice")
        .put("workspaceName", "ws-" + workspaceId)
        .put("templateVersionId", "tv-1")
        .put("spec", new JsonObject()
            .put("image", image)
            .put("env", new JsonObject().put("GREETING", "hello"))
            .put("homePath", "/home/coder")
            .put("apps", new JsonArray().add(new JsonObject().put("name", "web").put("port", 8080).put("default", true)))
            .put("cpuMillis", 500)
            .put("memoryMb", 64)
            .put("pidsLimit", 128));
  }

  public static JsonObject workspace(String hostId, String workspaceId) {
    return new JsonObject().put("hostId", hostId).put("workspaceId", workspaceId);
  }

  @Override
  public void close() throws Exception {
    await(runtime.vertx().close());
  }
}
