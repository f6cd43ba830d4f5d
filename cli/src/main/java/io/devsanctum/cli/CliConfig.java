package io.devsanctum.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Where the CLI keeps its sign-in: {@code ~/.config/devsanctum/session.json} (or
 * {@code $DEVSANCTUM_CONFIG_DIR}), readable by its owner only since it holds an API token.
 *
 * @param sshPort the platform's SSH port
 */
record CliConfig(String url, String token, int sshPort) {

  static final String DIR_ENV = "DEVSANCTUM_CONFIG_DIR";
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path dir() {
    String configured = System.getenv(DIR_ENV);
    return configured != null && !configured.isBlank()
        ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".config", "devsanctum");
  }

  private static Path file() {
    return dir().resolve("session.json");
  }

  static Optional<CliConfig> load() throws IOException {
    if (!Files.exists(file())) {
      return Optional.empty();
    }
    var json = JSON.readTree(file().toFile());
    return Optional.of(new CliConfig(json.path("url").asText(), json.path("token").asText(),
        json.path("sshPort").asInt(2222)));
  }

  /** The sign-in, or the error telling how to make one. */
  static CliConfig require() throws IOException {
    return load().orElseThrow(() -> new CliException(CliException.UNAUTHENTICATED,
        "not signed in: run `devsanctum login <url>` first"));
  }

  void save() throws IOException {
    Files.createDirectories(dir());
    Path temporary = Files.createTempFile(dir(), "session", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    ObjectNode json = JSON.createObjectNode().put("url", url).put("token", token).put("sshPort", sshPort);
    Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    Files.move(temporary, file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static boolean delete() throws IOException {
    return Files.deleteIfExists(file());
  }

  /** The platform's host name, for SSH. */
  String host() {
    return java.net.URI.create(url).getHost();
  }

  @Override
  public String toString() {
    return "CliConfig[" + url + "]"; // never print the token
  }
}
