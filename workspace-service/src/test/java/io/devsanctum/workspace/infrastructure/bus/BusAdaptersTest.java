package io.devsanctum.workspace.infrastructure.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.bus.TypedBus;
import io.devsanctum.common.bus.TypedBus.FailureTranslator;
import io.devsanctum.common.contract.auth.AuthContract;
import io.devsanctum.common.contract.provisioner.ProvisionerContract;
import io.devsanctum.common.contract.routing.RoutingContract;
import io.devsanctum.common.domain.NoAnswerException;
import io.devsanctum.common.domain.UnavailableException;
import io.devsanctum.workspace.WorkspaceCore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapters through which workspace-service calls other services hand its core domain
 * exceptions, never transport failures: the orchestrator waits out an {@link UnavailableException}
 * or a {@link NoAnswerException} and fails a deployment on anything else, so an adapter that let a
 * bus failure through would fail deployments an outage should only pause.
 */
@ExtendWith(VertxExtension.class)
class BusAdaptersTest {

  private static final String OUTAGE = "the database is unavailable";

  @Test
  void aRoutingServiceInAnOutageIsAnUnavailableException(Vertx vertx) {
    serveRefusingEverything(vertx, RoutingContract.class);

    assertThat(failureOf(new BusWorkspaceRouting(vertx).deregister(UUID.randomUUID(), false)))
        .isInstanceOf(UnavailableException.class).hasMessage(OUTAGE);
    assertThat(failureOf(new BusWorkspaceRouting(vertx).routedWorkspaces())).isInstanceOf(UnavailableException.class);
  }

  @Test
  void aProvisionerInAnOutageIsAnUnavailableException(Vertx vertx) {
    serveRefusingEverything(vertx, ProvisionerContract.class);

    assertThat(failureOf(new BusWorkspaceContainers(vertx, Duration.ofSeconds(5)).inventory()))
        .isInstanceOf(UnavailableException.class).hasMessage(OUTAGE);
  }

  @Test
  void anAuthServiceInAnOutageIsAnUnavailableException(Vertx vertx) {
    serveRefusingEverything(vertx, AuthContract.class);

    assertThat(failureOf(new BusUserDirectory(vertx).requireUser(WorkspaceCore.ADMIN, UUID.randomUUID())))
        .isInstanceOf(UnavailableException.class).hasMessage(OUTAGE);
  }

  @Test
  void aServiceThatIsNotThereIsANoAnswerException(Vertx vertx) {
    assertThat(failureOf(new BusWorkspaceRouting(vertx).deregister(UUID.randomUUID(), true)))
        .isInstanceOf(NoAnswerException.class);
  }

  /** Serves {@code contract} at its address with every operation refused as a service in an outage refuses. */
  private static <T> void serveRefusingEverything(Vertx vertx, Class<T> contract) {
    T refusing = contract.cast(Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract},
        (proxy, method, args) -> method.getDeclaringClass() == Object.class
            ? method.invoke(contract, args)
            : Future.failedFuture(new UnavailableException(OUTAGE))));
    Future.all(TypedBus.serve(vertx, contract, refusing, FailureTranslator.NONE).stream()
        .map(consumer -> consumer.completion()).toList()).await();
  }

  private static Throwable failureOf(Future<?> call) {
    Future.join(java.util.List.of(call)).otherwiseEmpty().await();
    assertThat(call.failed()).as("the call fails").isTrue();
    return call.cause();
  }
}
