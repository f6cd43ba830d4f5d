package io.devsanctum.routing.repository.pg;

import io.devsanctum.common.contract.SharingLevel;
import io.devsanctum.common.contract.routing.AppRoute;
import io.devsanctum.common.contract.routing.RouteMapping;
import io.devsanctum.common.contract.routing.RouteRegistration;
import io.devsanctum.common.contract.routing.RouteTable;
import io.devsanctum.routing.repository.RouteRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

public class PgRouteRepository implements RouteRepository {

  private static final String COLUMNS = "host, workspace_id, owner_id, app_name, app_port, upstream_url, "
      + "docker_host_id, sharing, health_path, healthy, active, created_at, updated_at, version";

  private final Pool pool;

  public PgRouteRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public <T> Future<T> inTransaction(Function<RouteTransaction, Future<T>> work) {
    return pool.withTransaction(conn -> conn
        .query("SELECT pg_advisory_xact_lock(hashtext('routing.route_mappings'))").execute()
        .compose(locked -> work.apply(new PgRouteTransaction(conn))));
  }

  @Override
  public Future<Long> nextVersion() {
    return pool.query("SELECT nextval('routing.route_table_version') AS version").execute()
        .map(rows -> rows.iterator().next().getLong("version"));
  }

  @Override
  public Future<RouteTable> table() {
    // the version first: a change committed after the rows were read has a higher one
    return pool.withTransaction(conn -> conn.query("SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS last_value FROM routing.route_table_version").execute()
        .compose(version -> SqlTemplate.forQuery(conn, "SELECT " + COLUMNS + " FROM routing.route_mappings ORDER BY host")
            .mapTo(PgRouteRepository::toRoute)
            .execute(Map.of())
            .map(rows -> new RouteTable(version.iterator().next().getLong("last_value"), list(rows)))));
  }

  @Override
  public Future<List<RouteMapping>> deleteByWorkspace(UUID workspaceId) {
    return SqlTemplate.forQuery(pool,
            "DELETE FROM routing.route_mappings WHERE workspace_id = #{workspaceId} RETURNING " + COLUMNS)
        .mapTo(PgRouteRepository::toRoute)
        .execute(Map.of("workspaceId", workspaceId))
        .map(PgRouteRepository::list);
  }

  @Override
  public Future<List<RouteMapping>> deactivateByWorkspace(UUID workspaceId, long version) {
    return SqlTemplate.forQuery(pool, "UPDATE routing.route_mappings SET active = false, updated_at = now(), "
            + "version = #{version} WHERE workspace_id = #{workspaceId} AND active RETURNING " + COLUMNS)
        .mapTo(PgRouteRepository::toRoute)
        .execute(Map.of("workspaceId", workspaceId, "version", version))
        .map(PgRouteRepository::list);
  }

  @Override
  public Future<List<RouteMapping>> findAll() {
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS + " FROM routing.route_mappings ORDER BY host")
        .mapTo(PgRouteRepository::toRoute)
        .execute(Map.of())
        .map(PgRouteRepository::list);
  }

  @Override
  public Future<List<RouteMapping>> findByWorkspace(UUID workspaceId) {
    return findByWorkspace(pool, workspaceId);
  }

  @Override
  public Future<Optional<RouteMapping>> findByHost(String host) {
    return SqlTemplate.forQuery(pool, "SELECT " + COLUMNS + " FROM routing.route_mappings WHERE host = #{host}")
        .mapTo(PgRouteRepository::toRoute)
        .execute(Map.of("host", host))
        .map(PgRouteRepository::first);
  }

  @Override
  public Future<Optional<RouteMapping>> setHealthy(String host, boolean healthy, long version) {
    return SqlTemplate.forQuery(pool, "UPDATE routing.route_mappings SET healthy = #{healthy}, updated_at = now(), "
            + "version = #{version} WHERE host = #{host} RETURNING " + COLUMNS)
        .mapTo(PgRouteRepository::toRoute)
        .execute(Map.of("host", host, "healthy", healthy, "version", version))
        .map(PgRouteRepository::first);
  }

  private static Future<List<RouteMapping>> findByWorkspace(SqlClient client, UUID workspaceId) {
    return SqlTemplate.forQuery(client, "SELECT " + COLUMNS
            + " FROM routing.route_mappings WHERE workspace_id = #{workspaceId} ORDER BY host")
        .mapTo(PgRouteRepository::toRoute)
        .execute(Map.of("workspaceId", workspaceId))
        .map(PgRouteRepository::list);
  }

  private record PgRouteTransaction(SqlConnection conn) implements RouteTransaction {

    @Override
    public Future<List<RouteMapping>> findByWorkspace(UUID workspaceId) {
      return PgRouteRepository.findByWorkspace(conn, workspaceId);
    }

    @Override
    public Future<Set<String>> hostsHeldByOthers(UUID workspaceId, Collection<String> hosts) {
      return SqlTemplate.forQuery(conn, "SELECT host FROM routing.route_mappings "
              + "WHERE host = ANY(#{hosts}) AND workspace_id <> #{workspaceId}")
          .execute(Map.of("hosts", hosts.toArray(String[]::new), "workspaceId", workspaceId))
          .map(rows -> {
            Set<String> held = new HashSet<>();
            rows.forEach(row -> held.add(row.getString("host")));
            return held;
          });
    }

    @Override
    public Future<List<RouteMapping>> deleteAllExcept(UUID workspaceId, Map<String, String> hostByApp) {
      List<String> apps = List.copyOf(hostByApp.keySet());
      String[] hosts = apps.stream().map(hostByApp::get).toArray(String[]::new);
      return SqlTemplate.forQuery(conn, """
              DELETE FROM routing.route_mappings
              WHERE workspace_id = #{workspaceId}
                AND (app_name, host) NOT IN (SELECT * FROM unnest(#{apps}::text[], #{hosts}::text[]))
              RETURNING %s""".formatted(COLUMNS))
          .mapTo(PgRouteRepository::toRoute)
          .execute(Map.of("workspaceId", workspaceId, "apps", apps.toArray(String[]::new), "hosts", hosts))
          .map(PgRouteRepository::list);
    }

    @Override
    public Future<RouteMapping> upsert(RouteRegistration registration, AppRoute app, String host, long version) {
      Map<String, Object> params = new HashMap<>();
      params.put("host", host);
      params.put("workspaceId", registration.workspaceId());
      params.put("ownerId", registration.ownerId());
      params.put("appName", app.name());
      params.put("appPort", app.port());
      params.put("upstreamUrl", app.upstreamUrl());
      params.put("dockerHostId", registration.dockerHostId());
      params.put("sharing", registration.sharing().wireName());
      params.put("healthPath", app.healthPath());
      params.put("version", version);
      return SqlTemplate.forQuery(conn, """
              INSERT INTO routing.route_mappings
                (host, workspace_id, owner_id, app_name, app_port, upstream_url, docker_host_id, sharing, health_path,
                 version)
              VALUES (#{host}, #{workspaceId}, #{ownerId}, #{appName}, #{appPort}, #{upstreamUrl}, #{dockerHostId},
                      #{sharing}, #{healthPath}, #{version})
              ON CONFLICT (workspace_id, app_name) DO UPDATE SET
                host = EXCLUDED.host, owner_id = EXCLUDED.owner_id, app_port = EXCLUDED.app_port,
                upstream_url = EXCLUDED.upstream_url, docker_host_id = EXCLUDED.docker_host_id,
                sharing = EXCLUDED.sharing, health_path = EXCLUDED.health_path,
                healthy = route_mappings.healthy OR NOT route_mappings.active, active = true, updated_at = now(),
                version = EXCLUDED.version
              RETURNING %s""".formatted(COLUMNS))
          .mapTo(PgRouteRepository::toRoute)
          .execute(params)
          .map(rows -> rows.iterator().next());
    }
  }

  private static List<RouteMapping> list(RowSet<RouteMapping> rows) {
    List<RouteMapping> routes = new ArrayList<>();
    rows.forEach(routes::add);
    return routes;
  }

  private static Optional<RouteMapping> first(RowSet<RouteMapping> rows) {
    return rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty();
  }

  static RouteMapping toRoute(Row row) {
    return new RouteMapping(
        row.getString("host"),
        row.getUUID("workspace_id"),
        row.getUUID("owner_id"),
        row.getString("app_name"),
        row.getInteger("app_port"),
        row.getString("upstream_url"),
        row.getString("docker_host_id"),
        SharingLevel.fromWire(row.getString("sharing")),
        row.getString("health_path"),
        row.getBoolean("healthy"),
        row.getBoolean("active"),
        row.getOffsetDateTime("created_at").toInstant(),
        row.getOffsetDateTime("updated_at").toInstant(),
        row.getLong("version"));
  }
}
