package io.devsanctum.routing.repository;

import io.devsanctum.common.contract.routing.AppRoute;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.common.contract.routing.RouteRegistration;
import io.devsanctum.common.contract.routing.RouteTable;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Persistence of the route table. Every change is made at a version taken with
 * {@link #nextVersion()}; the routes it touches keep it.
 */
public interface RouteRepository {

  /** The version of the next change of the table (never reused, ascending). */
  Future<Long> nextVersion();

  /** The whole table with the version it was read at. */
  Future<RouteTable> table();

  /**
   * Runs {@code work} in one transaction holding the route-table lock, so checking that a host is
   * free and taking it cannot interleave with another registration.
   */
  <T> Future<T> inTransaction(Function<RouteTransaction, Future<T>> work);

  /** Completes with the removed routes (none when the workspace had none). */
  Future<List<RouteMapping>> deleteByWorkspace(UUID workspaceId);

  /** Marks the workspace's active routes inactive; completes with them as they are now. */
  Future<List<RouteMapping>> deactivateByWorkspace(UUID workspaceId, long version);

  Future<List<RouteMapping>> findAll();

  Future<List<RouteMapping>> findByWorkspace(UUID workspaceId);

  Future<Optional<RouteMapping>> findByHost(String host);

  /** Completes with the updated route, empty when no route has that host. */
  Future<Optional<RouteMapping>> setHealthy(String host, boolean healthy, long version);

  /** The writes of a registration, inside {@link #inTransaction}. */
  interface RouteTransaction {

    Future<List<RouteMapping>> findByWorkspace(UUID workspaceId);

    /** Which of {@code hosts} belong to workspaces other than {@code workspaceId}. */
    Future<Set<String>> hostsHeldByOthers(UUID workspaceId, Collection<String> hosts);

    /**
     * Deletes the workspace's routes other than the given app → host pairs (apps no longer listed,
     * or renamed hosts) and completes with them.
     */
    Future<List<RouteMapping>> deleteAllExcept(UUID workspaceId, Map<String, String> hostByApp);

    /**
     * Inserts the app's route, or updates it by (workspace, app) keeping its creation time and, when
     * it was active, its health; an inactive route becomes active again and starts out healthy.
     */
    Future<RouteMapping> upsert(RouteRegistration registration, AppRoute app, String host, long version);
  }
}
