package io.devsanctum.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.provisioner.DockerSocketForwarder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SSH into a workspace on a Docker host reached over {@code tcp://} (the local engine's socket
 * forwarded on a loopback port, half-closes passed on as a TCP path to a remote engine does): a
 * command that reads its input to the end sees that end, as on a host reached through its socket.
 */
class SshOnTcpDockerHostTest {

  private static DockerSocketForwarder forwarder;
  private static Platform platform;
  private static OpenSsh openSsh;
  private static Path upload;

  @BeforeAll
  static void start() throws Exception {
    Docker.buildMinimalImage();
    forwarder = new DockerSocketForwarder();
    platform = Platform.start(Map.of("DEVSANCTUM_DOCKER_HOSTS",
        "test-" + UUID.randomUUID().toString().substring(0, 8) + "=tcp://127.0.0.1:" + forwarder.port()));
    openSsh = new OpenSsh(platform, Files.createTempDirectory("ssh-tcp-host-test"));
    String admin = platform.firstAdmin("root", "correct horse battery").getString("accessToken");
    String mia = platform.member(admin, "mia", "member password").getString("accessToken");
    platform.runningMinimalWorkspace(admin, mia, "dev");
    openSsh.addKey(mia, "mia");
    upload = openSsh.dir().resolve("upload.bin");
    byte[] bytes = new byte[5 * 1024 * 1024 + 3];
    new Random(7).nextBytes(bytes);
    Files.write(upload, bytes);
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
    if (forwarder != null) {
      forwarder.close();
    }
  }

  @Test
  void aCommandSeesTheEndOfItsInput() throws Exception {
    OpenSsh.Result counted = openSsh.run(openSsh.ssh("mia", "dev", List.of(), "wc -c"), upload, Map.of());

    assertThat(counted.status()).as(counted.stderr()).isZero();
    assertThat(counted.stdout().strip()).isEqualTo(String.valueOf(Files.size(upload)));
  }

  @Test
  void aFileWrittenFromInputArrivesByteForByte() throws Exception {
    OpenSsh.Result stored = openSsh.run(openSsh.ssh("mia", "dev", List.of(),
        "cat > upload.bin && sha256sum upload.bin"), upload, Map.of());

    assertThat(stored.status()).as(stored.stderr()).isZero();
    assertThat(stored.stdout()).startsWith(HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(upload))) + " ");
  }
}
