package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files over SSH with Debian's scp (SFTP), sftp and rsync, into a workspace of an image with
 * sftp-server and rsync (as the developer image has; built here from test resources, on the
 * developer image's Debian base): a tree with binary files goes there and back byte for byte.
 */
class SshFileTransferTest {

  private static Platform platform;
  private static OpenSsh openSsh;
  private static Path tree;
  private static final String IMAGE = "devsanctum-test/ssh-file-tools:latest";

  @BeforeAll
  static void start() throws Exception {
    Docker.docker("build", "-q", "-t", IMAGE,
        Docker.repoRoot().resolve("standalone/src/test/resources/ssh/file-tools").toString());
    platform = Platform.start();
    openSsh = new OpenSsh(platform, Files.createTempDirectory("ssh-file-transfer-test"));
    String admin = platform.firstAdmin("root", "correct horse battery").getString("accessToken");
    String mia = platform.member(admin, "mia", "member password").getString("accessToken");
    String template = platform.post("/api/v1/templates", admin, new JsonObject().put("name", "file-tools")
        .put("spec", new JsonObject().put("image", IMAGE)
            .put("apps", new io.vertx.core.json.JsonArray().add(new JsonObject().put("name", "web").put("port", 8080)
                .put("default", true).put("healthPath", "/healthz")))
            .put("memoryMb", 128).put("cpuMillis", 500))).bodyAsJsonObject().getString("id");
    String workspace = platform.post("/api/v1/workspaces", mia,
        new JsonObject().put("templateId", template).put("name", "dev")).bodyAsJsonObject().getString("id");
    openSsh.addKey(mia, "mia");
    tree = openSsh.dir().resolve("tree");
    Files.createDirectories(tree.resolve("src/deep/er"));
    Random random = new Random(42);
    byte[] binary = new byte[3 * 1024 * 1024 + 17];
    random.nextBytes(binary);
    Files.write(tree.resolve("blob.bin"), binary);
    Files.writeString(tree.resolve("src/main.c"), "int main(void) { return 42; }\n");
    Files.writeString(tree.resolve("src/deep/er/notes with spaces.txt"), "ünïcödé\n");
    Files.write(tree.resolve("src/deep/empty"), new byte[0]);
    long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
    while (!"RUNNING".equals(platform.get("/api/v1/workspaces/" + workspace, mia).bodyAsJsonObject().getString("state"))) {
      assertThat(System.nanoTime()).as("workspace running").isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void scpCopiesATreeThereAndBackByteForByte() throws Exception {
    List<String> there = scp("-r", tree.toString(), "dev@127.0.0.1:scp-tree");
    long started = System.nanoTime();
    assertThat(openSsh.run(there, "", Map.of()).status()).isZero();
    System.out.printf("scp -r of %d bytes there: %d ms%n", size(tree), (System.nanoTime() - started) / 1_000_000);

    Path back = openSsh.dir().resolve("scp-back");
    OpenSsh.Result copied = openSsh.run(scp("-r", "dev@127.0.0.1:scp-tree", back.toString()), "", Map.of());

    assertThat(copied.status()).as(copied.stderr()).isZero();
    assertThat(contents(back)).isEqualTo(contents(tree));
  }

  @Test
  void rsyncOverSshCopiesATreeThereAndBackByteForByte() throws Exception {
    String ssh = String.join(" ", sshFor("ssh", "-p"));
    long started = System.nanoTime();
    OpenSsh.Result there = openSsh.run(List.of("rsync", "-a", "-e", ssh, tree + "/", "dev@127.0.0.1:rsync-tree/"), "",
        Map.of());
    assertThat(there.status()).as(there.stderr()).isZero();
    System.out.printf("rsync -a of %d bytes there: %d ms%n", size(tree), (System.nanoTime() - started) / 1_000_000);

    Path back = openSsh.dir().resolve("rsync-back");
    OpenSsh.Result copied = openSsh.run(List.of("rsync", "-a", "-e", ssh, "dev@127.0.0.1:rsync-tree/", back + "/"), "",
        Map.of());

    assertThat(copied.status()).as(copied.stderr()).isZero();
    assertThat(contents(back)).isEqualTo(contents(tree));
    // a second run finds nothing to send
    OpenSsh.Result again = openSsh.run(List.of("rsync", "-a", "--stats", "-e", ssh, tree + "/",
        "dev@127.0.0.1:rsync-tree/"), "", Map.of());
    assertThat(again.stdout()).contains("Number of regular files transferred: 0");
  }

  @Test
  void aLocalForwardCarriesBothWaysInAnImageWithoutNetcat() throws Exception {
    // this image has bash but no nc: the relay is bash's /dev/tcp, whose input once came from /dev/null
    int port = OpenSsh.freePort();
    List<String> command = sshFor("ssh", "-p");
    command.addAll(List.of("-N", "-o", "ExitOnForwardFailure=yes", "-L", "127.0.0.1:" + port + ":localhost:8080",
        "dev@127.0.0.1"));
    Process forward = OpenSsh.background(command);
    try {
      HttpResponse<String> health = OpenSsh.getThrough(port, "/healthz");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("ok\n");
    } finally {
      forward.destroy();
    }
  }

  @Test
  void sftpBatchListsAndGets() throws Exception {
    assertThat(openSsh.run(scp(tree.resolve("blob.bin").toString(), "dev@127.0.0.1:sftp-blob.bin"), "", Map.of())
        .status()).isZero();
    List<String> sftp = sshFor("sftp", "-P");
    sftp.addAll(List.of("-b", "-", "dev@127.0.0.1"));

    OpenSsh.Result session = openSsh.run(sftp, "ls -1\nget sftp-blob.bin got.bin\n", Map.of());

    assertThat(session.status()).as(session.stderr()).isZero();
    assertThat(session.stdout()).contains("sftp-blob.bin");
    assertThat(Files.readAllBytes(openSsh.dir().resolve("got.bin"))).isEqualTo(Files.readAllBytes(tree.resolve("blob.bin")));
  }

  private static List<String> scp(String... arguments) {
    List<String> command = sshFor("scp", "-P");
    command.addAll(List.of(arguments));
    return command;
  }

  /** {@code program} with the port option it spells {@code portOption} and the key's options. */
  private static List<String> sshFor(String program, String portOption) {
    List<String> command = new ArrayList<>(List.of(program, portOption, String.valueOf(platform.sshPort())));
    command.addAll(openSsh.options("mia"));
    return command;
  }

  /** Every file under {@code root} by relative path, with the SHA-256 of its bytes. */
  private static Map<String, String> contents(Path root) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
      }
    }
    return files;
  }

  private static long size(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    }
  }
}
