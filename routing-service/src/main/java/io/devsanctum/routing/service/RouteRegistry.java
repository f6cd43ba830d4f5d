package io.devsanctum.routing.service;

import io.devsanctum.common.contract.routing.AppRoute;
import io.devsanctum.common.contract.routing.RouteChangedEvent.Change;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.common.contract.routing.RouteRegistration;
import io.devsanctum.common.contract.routing.RouteTable;
import io.devsanctum.common.contract.routing.RoutesDeregistered;
import io.devsanctum.common.contract.routing.RoutesRegistered;
import io.devsanctum.common.domain.ConflictException;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.routing.model.HostNaming;
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

  private record Outcome(List<RouteMapping> saved, List<RouteMapping> removed) {
  }

  /**
   * Makes the workspace's routes exactly its apps, in one transaction: hosts it already holds are
   * kept, upstreams updated, routes of apps no longer listed removed.
   */
  public Future<RoutesRegistered> register(RouteRegistration registration) {
    RegistrationRules.validate(registration);
    List<WorkspaceHosts> candidates = naming.candidates(registration);
    Set<String> allCandidateHosts = candidates.stream()
        .flatMap(c -> c.hostByApp().values().stream()).collect(Collectors.toSet());
    UUID workspaceId = registration.workspaceId();
    return routes.nextVersion().compose(version -> routes.<Outcome>inTransaction(tx -> tx.findByWorkspace(workspaceId)
            .compose(existing -> tx.hostsHeldByOthers(workspaceId, allCandidateHosts)
                .compose(heldByOthers -> HostNaming.choose(candidates, hosts(existing), heldByOthers)
                    .map(chosen -> save(tx, registration, chosen, version))
                    .orElseGet(() -> Future.failedFuture(new ConflictException(
                        "no free host name for workspace " + workspaceId))))))
        .onSuccess(outcome -> {
          outcome.removed().forEach(RouteRegistry::logRemoved);
          outcome.saved().forEach(route -> LOG.info("route registered: {} -> {} (workspace {}, app {})",
              route.host(), route.upstreamUrl(), route.workspaceId(), route.appName()));
          notifier.changed(Change.REMOVED, workspaceId, outcome.removed(), version);
          notifier.changed(Change.REGISTERED, workspaceId, outcome.saved(), version);
        }))
        .map(outcome -> new RoutesRegistered(outcome.saved(), outcome.saved().stream()
            .filter(route -> route.appName().equals(registration.defaultApp().name()))
            .findFirst().orElseThrow().host()));
  }

  /**
   * A stopped workspace ({@code purge} false) keeps its routes, inactive, so its hosts stay reserved
   * and the data plane can say it is stopped; a deleted one ({@code purge} true) loses them.
   */
  public Future<RoutesDeregistered> deregister(UUID workspaceId, boolean purge) {
    return routes.nextVersion().compose(version -> {
      if (purge) {
        return routes.deleteByWorkspace(workspaceId).map(removed -> {
          removed.forEach(RouteRegistry::logRemoved);
          notifier.changed(Change.REMOVED, workspaceId, removed, version);
          return new RoutesDeregistered(0, removed.size());
        });
      }
      return routes.deactivateByWorkspace(workspaceId, version).map(deactivated -> {
        deactivated.forEach(route -> LOG.info("route deactivated: {} (workspace {}, app {})",
            route.host(), route.workspaceId(), route.appName()));
        notifier.changed(Change.DEACTIVATED, workspaceId, deactivated, version);
        return new RoutesDeregistered(deactivated.size(), 0);
      });
    });
  }

  public Future<RouteTable> table() {
    return routes.table();
  }

  public Future<List<RouteMapping>> routesOf(UUID workspaceId) {
    return routes.findByWorkspace(workspaceId);
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
      return routes.nextVersion().compose(version -> routes.setHealthy(host, healthy, version)
          .compose(RouteRegistry::foundOrFail).map(updated -> {
            LOG.info("route {} is now {} (workspace {})", host, healthy ? "healthy" : "unhealthy", updated.workspaceId());
            notifier.changed(Change.HEALTH, updated.workspaceId(), List.of(updated), version);
            return null;
          }));
    });
  }

  private static Future<Outcome> save(RouteTransaction tx, RouteRegistration registration, WorkspaceHosts chosen,
      long version) {
    return tx.deleteAllExcept(registration.workspaceId(), chosen.hostByApp()).compose(removed -> {
      Future<List<RouteMapping>> saved = Future.succeededFuture(new ArrayList<>());
      for (AppRoute app : registration.apps()) {
        saved = saved.compose(list -> tx.upsert(registration, app, chosen.hostByApp().get(app.name()), version)
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
