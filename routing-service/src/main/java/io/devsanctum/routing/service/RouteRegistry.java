package io.devsanctum.routing.service;

import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.common.bus.RouteChangedEvent.Change;
import io.devsanctum.common.bus.RouteMapping;
import io.devsanctum.routing.model.AppSpec;
import io.devsanctum.routing.model.HostNaming;
import io.devsanctum.routing.model.RouteRegistration;
import io.devsanctum.routing.model.WorkspaceHosts;
import io.devsanctum.routing.repository.RouteRepository;
import io.devsanctum.routing.repository.RouteRepository.RouteTransaction;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The route table's rules: which host serves which workspace app, and keeping it current. */
public class RouteRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(RouteRegistry.class);

  private final RouteRepository routes;
  private final HostNaming naming;
  private final RouteChangeNotifier notifier;

  public RouteRegistry(RouteRepository routes, HostNaming naming, RouteChangeNotifier notifier) {
    this.routes = routes;
    this.naming = naming;
    this.notifier = notifier;
  }

  /** The workspace's routes after registering; see {@code RoutingContract.REGISTER}. */
  public record Registered(List<RouteMapping> routes, String defaultHost) {
  }

  private record Outcome(List<RouteMapping> saved, List<RouteMapping> removed) {
  }

  /**
   * Makes the workspace's routes exactly its apps, in one transaction: hosts it already holds are
   * kept, upstreams updated, routes of apps no longer listed removed.
   */
  public Future<Registered> register(RouteRegistration registration) {
    RegistrationRules.validate(registration);
    List<WorkspaceHosts> candidates = naming.candidates(registration);
    Set<String> allCandidateHosts = candidates.stream()
        .flatMap(c -> c.hostByApp().values().stream()).collect(Collectors.toSet());
    UUID workspaceId = registration.workspaceId();
    return routes.<Outcome>inTransaction(tx -> tx.findByWorkspace(workspaceId)
            .compose(existing -> tx.hostsHeldByOthers(workspaceId, allCandidateHosts)
                .compose(heldByOthers -> HostNaming.choose(candidates, hosts(existing), heldByOthers)
                    .map(chosen -> save(tx, registration, chosen))
                    .orElseGet(() -> Future.failedFuture(new ConflictException(
                        "no free host name for workspace " + workspaceId))))))
        .onSuccess(outcome -> {
          outcome.removed().forEach(RouteRegistry::logRemoved);
          outcome.saved().forEach(route -> LOG.info("route registered: {} -> {} (workspace {}, app {})",
              route.host(), route.upstreamUrl(), route.workspaceId(), route.appName()));
          notifier.changed(Change.REMOVED, workspaceId, outcome.removed());
          notifier.changed(Change.REGISTERED, workspaceId, outcome.saved());
        })
        .map(outcome -> new Registered(outcome.saved(), outcome.saved().stream()
            .filter(route -> route.appName().equals(registration.defaultApp().name()))
            .findFirst().orElseThrow().host()));
  }

  /** How many routes a deregistration made inactive, and how many it deleted. */
  public record Deregistered(int deactivated, int removed) {
  }

  /**
   * A stopped workspace ({@code purge} false) keeps its routes, inactive, so its hosts stay reserved
   * and the data plane can say it is stopped; a deleted one ({@code purge} true) loses them.
   */
  public Future<Deregistered> deregister(UUID workspaceId, boolean purge) {
    if (purge) {
      return routes.deleteByWorkspace(workspaceId).map(removed -> {
        removed.forEach(RouteRegistry::logRemoved);
        notifier.changed(Change.REMOVED, workspaceId, removed);
        return new Deregistered(0, removed.size());
      });
    }
    return routes.deactivateByWorkspace(workspaceId).map(deactivated -> {
      deactivated.forEach(route -> LOG.info("route deactivated: {} (workspace {}, app {})",
          route.host(), route.workspaceId(), route.appName()));
      notifier.changed(Change.DEACTIVATED, workspaceId, deactivated);
      return new Deregistered(deactivated.size(), 0);
    });
  }

  public Future<List<RouteMapping>> list(Optional<UUID> workspaceId) {
    return workspaceId.map(routes::findByWorkspace).orElseGet(routes::findAll);
  }

  public Future<RouteMapping> resolve(String host) {
    return routes.findByHost(host).compose(RouteRegistry::foundOrFail);
  }

  /** Records the health the data plane observed; announced only when it changed. */
  public Future<Void> setHealth(String host, boolean healthy) {
    return resolve(host).compose(route -> {
      if (route.healthy() == healthy) {
        return Future.succeededFuture();
      }
      return routes.setHealthy(host, healthy).compose(RouteRegistry::foundOrFail).map(updated -> {
        LOG.info("route {} is now {} (workspace {})", host, healthy ? "healthy" : "unhealthy", updated.workspaceId());
        notifier.changed(Change.HEALTH, updated.workspaceId(), List.of(updated));
        return null;
      });
    });
  }

  private static Future<Outcome> save(RouteTransaction tx, RouteRegistration registration, WorkspaceHosts chosen) {
    return tx.deleteAllExcept(registration.workspaceId(), chosen.hostByApp()).compose(removed -> {
      Future<List<RouteMapping>> saved = Future.succeededFuture(new ArrayList<>());
      for (AppSpec app : registration.apps()) {
        saved = saved.compose(list -> tx.upsert(registration, app, chosen.hostByApp().get(app.name()))
            .map(route -> {
              list.add(route);
              return list;
            }));
      }
      return saved.map(list -> new Outcome(list, removed));
    });
  }

  private static Set<String> hosts(List<RouteMapping> routes) {
    return routes.stream().map(RouteMapping::host).collect(Collectors.toSet());
  }

  private static Future<RouteMapping> foundOrFail(Optional<RouteMapping> route) {
    return route.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new NotFoundException("no route for that host")));
  }

  private static void logRemoved(RouteMapping route) {
    LOG.info("route removed: {} -> {} (workspace {}, app {})",
        route.host(), route.upstreamUrl(), route.workspaceId(), route.appName());
  }
}
