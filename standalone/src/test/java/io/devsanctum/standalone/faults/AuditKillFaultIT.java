package io.devsanctum.standalone.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.standalone.JarProcess;
import io.devsanctum.standalone.api.Docker;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The standalone jar killed with SIGKILL in the middle of a burst of audited actions from several
 * clients (user creates, API-token creates and SSH-key adds, recorded through auth-service's
 * outbox; template creates, quota sets and workspace sharing changes, recorded in
 * workspace-service's own transaction), then started again on the same data: once the outbox has
 * drained, every action whose change is in the database has exactly one audit record, and no
 * record names a change that is not there. A setting changed again and again (a workspace's
 * sharing) leaves an unbroken chain: each record's "before" is the previous one's "after", the
 * first starts from the default and the last ends at the value in the database.
 */
class AuditKillFaultIT {

  private static final int CLIENTS = 4;
  /** The kill comes once this many actions have been answered, so that more are in flight. */
  private static final int ANSWERED_BEFORE_KILL = 150;
  private static final Duration DRAINED_WITHIN = Duration.ofSeconds(60);
  /** Each client's workspace goes round these, starting from the default, {@code owner}. */
  private static final List<String> SHARING = List.of("owner", "authenticated", "public");

  /** An audited kind of action, the table its change lands in, and how a row there names its target. */
  private enum Kind {
    USER("user.create", "SELECT id FROM auth.users WHERE username LIKE 'burst-%'"),
    TOKEN("token.create", "SELECT id FROM auth.api_tokens WHERE name LIKE 'burst-%'"),
    SSH_KEY("ssh-key.add", "SELECT id FROM auth.ssh_keys WHERE name LIKE 'burst-%'"),
    TEMPLATE("template.create", "SELECT id FROM workspace.templates WHERE name LIKE 'burst-%'"),
    QUOTA("user.quota-change", "SELECT user_id FROM workspace.quotas WHERE max_workspaces IS NOT NULL");

    final String action;
    final String committed;

    Kind(String action, String committed) {
      this.action = action;
      this.committed = committed;
    }
  }

  private Path dataDir;
  private int port;
  private String hostId;
  private JarProcess jar;
  private HttpApi api;
  private String token;
  private final AtomicInteger answered = new AtomicInteger();
  /** The targets of the actions the clients got a success for, by kind. */
  private final Map<Kind, Set<String>> confirmed = new ConcurrentHashMap<>();
  private final AtomicInteger cut = new AtomicInteger();
  /** Each client's workspace, whose sharing it alone changes (so each change starts from its last). */
  private final List<String> workspaces = new ArrayList<>();
  private final AtomicInteger sharingAnswered = new AtomicInteger();
  private volatile boolean killed;

  @BeforeEach
  void startJar() throws Exception {
    Docker.buildMinimalImage();
    dataDir = Files.createTempDirectory("devsanctum-audit-kill-");
    port = JarProcess.freePort();
    hostId = "test-audit-kill-" + UUID.randomUUID().toString().substring(0, 8);
    jar = JarProcess.standalone(dataDir, port, Map.of(
        "DEVSANCTUM_DOCKER_HOSTS", hostId + "=unix:///var/run/docker.sock",
        "DEVSANCTUM_SEED_TEMPLATES", "false"));
    jar.start().awaitReady(port);
    api = new HttpApi(port);
    token = api.firstAdminToken("root", "correct horse battery");
    for (Kind kind : Kind.values()) {
      confirmed.put(kind, ConcurrentHashMap.newKeySet());
    }
    String template = api.minimalTemplate(token, "shared-during-the-burst", new JsonObject());
    for (int client = 0; client < CLIENTS; client++) {
      workspaces.add(HttpApi.expect(201, api.post("/api/v1/workspaces", token, new JsonObject()
          .put("templateId", template).put("name", "shared-" + client))).json().getString("id"));
    }
  }

  @AfterEach
  void stopJar() throws Exception {
    jar.stop();
    Docker.removeResourcesOf(hostId);
    FaultReports.keepLog("audit-kill", jar.logFile());
    FaultReports.delete(dataDir);
  }

  @Test
  void aKillDuringABurstOfActionsLeavesEveryCommittedActionWithExactlyOneRecordAndNoRecordWithoutItsAction()
      throws Exception {
    List<CompletableFuture<Void>> clients = new ArrayList<>();
    for (int client = 0; client < CLIENTS; client++) {
      int which = client;
      clients.add(CompletableFuture.runAsync(() -> burst(which)));
    }
    while (answered.get() < ANSWERED_BEFORE_KILL) {
      assertThat(clients).as("the clients are still acting").noneMatch(CompletableFuture::isDone);
      Thread.sleep(5);
    }
    killed = true;
    jar.kill();
    CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).join();
    // the embedded PostgreSQL outlives the JVM's SIGKILL: what the kill left undelivered
    long waitingAtKill = count("SELECT count(*) FROM auth.audit_outbox");

    jar.start().awaitReady(port);
    long deadline = System.nanoTime() + DRAINED_WITHIN.toNanos();
    while (count("SELECT count(*) FROM auth.audit_outbox") > 0) {
      assertThat(System.nanoTime()).as("the outbox drains after the restart").isLessThan(deadline);
      Thread.sleep(100);
    }

    StringBuilder figures = new StringBuilder(String.format(
        "audit kill: %d clients, SIGKILL after %d answered actions, %d cut by the kill, %d records waiting in"
            + " auth's outbox at the kill (delivered after the restart)%n",
        CLIENTS, answered.get(), cut.get(), waitingAtKill));
    for (Kind kind : Kind.values()) {
      Set<String> committed = ids(kind.committed);
      Map<String, Integer> records = recordsPerTarget(kind.action);
      figures.append(String.format("  %-18s committed %3d (%3d answered), records %3d%n", kind.action,
          committed.size(), confirmed.get(kind).size(), records.values().stream().mapToInt(Integer::intValue).sum()));
      assertThat(committed).as("every answered %s is in the database", kind.action)
          .containsAll(confirmed.get(kind));
      assertThat(records.keySet()).as("the targets of the %s records are exactly the committed ones", kind.action)
          .isEqualTo(committed);
      assertThat(records).as("one record for each committed %s", kind.action).allSatisfy((target, n) ->
          assertThat(n).as("records of %s %s", kind.action, target).isEqualTo(1));
    }
    int sharingRecords = 0;
    for (String workspace : workspaces) {
      sharingRecords += assertSharingChain(workspace);
    }
    figures.append(String.format("  %-18s answered %3d, records %3d, in %d unbroken chains ending at the stored value%n",
        "workspace.sharing", sharingAnswered.get(), sharingRecords, workspaces.size()));
    assertThat(sharingRecords).as("every answered sharing change has its record").isGreaterThanOrEqualTo(
        sharingAnswered.get());
    System.out.println(figures);
    FaultReports.write("audit-kill.txt", figures.toString());
    assertThat(cut.get()).as("the kill landed while actions were in flight").isPositive();
    assertThat(jar.log().lines().filter(line -> line.contains(" ERROR ")).toList()).as("errors in the log").isEmpty();
  }

  /**
   * One client's actions, round after round until the kill: a user, an API token, an SSH key, a
   * template, and the new user's quota. An action the kill cut short may or may not have committed.
   */
  private void burst(int client) {
    for (int round = 0; !killed; round++) {
      String name = "burst-" + client + "-" + round;
      String user = act(Kind.USER, () -> created(api.post("/api/v1/users", token, new JsonObject()
          .put("email", name + "@example.com").put("username", name).put("password", "a password for " + name))));
      act(Kind.TOKEN, () -> created(api.post("/api/v1/api-tokens", token, new JsonObject().put("name", name))));
      act(Kind.SSH_KEY, () -> created(api.post("/api/v1/ssh-keys", token, new JsonObject().put("name", name)
          .put("publicKey", newPublicKey(name)))));
      act(Kind.TEMPLATE, () -> api.minimalTemplate(token, name, new JsonObject()));
      if (user != null) {
        act(Kind.QUOTA, () -> {
          HttpApi.expect(200, api.send("PUT", "/api/v1/users/" + user + "/quota", token,
              new JsonObject().put("maxWorkspaces", 3)));
          return user;
        });
      }
      String sharing = SHARING.get((round + 1) % SHARING.size());
      if (act(null, () -> {
        HttpApi.expect(200, api.send("PUT", "/api/v1/workspaces/" + workspaces.get(client) + "/sharing", token,
            new JsonObject().put("sharing", sharing)));
        return sharing;
      }) != null) {
        sharingAnswered.incrementAndGet();
      }
    }
  }

  /**
   * The workspace's sharing records, oldest first, form one chain from the default to the value
   * stored: a change committed without its record, or a record without its change, would break it.
   * How many records.
   */
  private int assertSharingChain(String workspace) throws Exception {
    List<JsonObject> changes = new ArrayList<>();
    try (Connection db = database(); Statement statement = db.createStatement();
         ResultSet rows = statement.executeQuery("""
             SELECT change FROM workspace.audit_events
              WHERE action = 'workspace.sharing' AND success AND target_id = '%s'
              ORDER BY occurred_at, id""".formatted(workspace))) {
      while (rows.next()) {
        changes.add(new JsonObject(rows.getString(1)));
      }
    }
    String stored = ids("SELECT sharing FROM workspace.workspaces WHERE id = '" + workspace + "'").iterator().next();
    String last = "owner";
    for (JsonObject change : changes) {
      assertThat(change.getJsonObject("before").getString("sharing")).as("sharing of %s: %s", workspace, changes)
          .isEqualTo(last);
      last = change.getJsonObject("after").getString("sharing");
    }
    assertThat(last).as("the last record of %s ends at the stored sharing", workspace).isEqualTo(stored);
    return changes.size();
  }

  /** An action that names its target once it succeeded. */
  @FunctionalInterface
  private interface Action {
    String perform() throws Exception;
  }

  /**
   * The action's target when it succeeded; null when the kill cut it short or came before it was
   * sent. {@code kind} null: an action checked otherwise than by its rows (a setting changed again and again).
   */
  private String act(Kind kind, Action action) {
    if (killed) {
      return null;
    }
    try {
      String target = action.perform();
      if (kind != null) {
        confirmed.get(kind).add(target);
      }
      answered.incrementAndGet();
      return target;
    } catch (ConnectException afterTheKill) {
      if (!killed) {
        throw new AssertionError(what(kind) + " could not connect before the kill", afterTheKill);
      }
      return null;
    } catch (IOException cutByTheKill) {
      if (!killed) {
        throw new AssertionError(what(kind) + " failed before the kill", cutByTheKill);
      }
      cut.incrementAndGet();
      return null;
    } catch (Exception e) {
      throw new IllegalStateException(what(kind), e);
    }
  }

  private static String what(Kind kind) {
    return kind == null ? "workspace.sharing" : kind.action;
  }

  private static String created(HttpApi.Reply reply) {
    return HttpApi.expect(201, reply).json().getString("id");
  }

  /** A fresh Ed25519 public key in OpenSSH's one-line form (a key stands for one user only). */
  private static String newPublicKey(String comment) throws Exception {
    byte[] x509 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(blob)) {
      byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
      out.writeInt(type.length);
      out.write(type);
      out.writeInt(raw.length);
      out.write(raw);
    }
    return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " " + comment;
  }

  private Set<String> ids(String query) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection db = database(); Statement statement = db.createStatement();
         ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  /** How many successful records of {@code action} each target has (root's setup and token are not the burst's). */
  private Map<String, Integer> recordsPerTarget(String action) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    try (Connection db = database(); Statement statement = db.createStatement();
         ResultSet rows = statement.executeQuery("""
             SELECT target_id, count(*) FROM workspace.audit_events
              WHERE action = '%s' AND success AND target_name LIKE 'burst-%%'
              GROUP BY target_id""".formatted(action))) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getInt(2));
      }
    }
    return counts;
  }

  private long count(String query) throws Exception {
    try (Connection db = database(); Statement statement = db.createStatement();
         ResultSet row = statement.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  private Connection database() throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + jar.embeddedDatabasePort() + "/postgres",
        "postgres", "postgres");
  }
}
