package io.devsanctum.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.devsanctum.common.testkit.Command;
import io.devsanctum.standalone.oidc.Keycloak;
import io.devsanctum.standalone.oidc.Realm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The browser part of OpenID Connect sign-in: the built jar, configured for the test's Keycloak (a
 * realm, client, groups and people made through its admin API), driven in Debian's headless Chromium
 * by {@code e2e/oidc.e2e.mjs} through Keycloak's real login page. Its screenshots go to
 * {@code docs/screenshots/}.
 */
class OidcBrowserIT {

  private static final Path E2E = Path.of("..", "e2e").toAbsolutePath().normalize();
  private static final String PASSWORD = "keycloak password 1";
  private static final String CLIENT_SECRET = "devsanctum-browser-secret-" + System.nanoTime();

  @Test
  void peopleSignInThroughKeycloaksLoginPageInChromiumAndLandWithTheNameAndRoleTheirGroupGives() throws Exception {
    assertThat(Path.of("/usr/bin/chromium")).as("Debian's Chromium (scripts/ensure-chromium.sh installs it)").exists();
    Keycloak keycloak = Keycloak.shared();
    Realm realm = keycloak.createRealm("devsanctum-browser");
    realm.createGroup("platform-admins");
    realm.createGroup("engineering");
    realm.createUser("ada", "ada@corp.example", true, "Ada", "Lovelace", PASSWORD, List.of("platform-admins"));
    realm.createUser("bob", "bob@corp.example", true, "Bob", "Builder", PASSWORD, List.of("engineering"));
    int port = JarProcess.freePort();
    String base = "http://localhost:" + port;
    realm.createClient("devsanctum", CLIENT_SECRET, List.of(base + "/api/v1/auth/oauth/keycloak/callback"), List.of());

    Map<String, String> env = new HashMap<>();
    env.put("DEVSANCTUM_DOCKER_HOSTS", "test-oidc-" + port + "=unix:///var/run/docker.sock");
    env.put("DEVSANCTUM_SEED_TEMPLATES", "false");
    env.put("DEVSANCTUM_OIDC_PROVIDERS", "keycloak");
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_ISSUER", realm.issuer());
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_CLIENT_ID", "devsanctum");
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_CLIENT_SECRET", CLIENT_SECRET);
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_DISPLAY_NAME", "Keycloak");
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_ICON_URL", "/icons/openid.svg");
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_ROLE_MAPPING", "/platform-admins=admin");
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_ALLOWED_GROUPS", "/platform-admins,/engineering");
    env.put("DEVSANCTUM_OIDC_KEYCLOAK_OPEN_SIGNUP", "true");
    Path data = Files.createTempDirectory("devsanctum-oidc-browser");
    try (JarProcess jar = JarProcess.standalone(data, port, env).start()) {
      jar.awaitReady(port);
      HttpClient http = HttpClient.newHttpClient();
      String dashboard = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(dashboard).as("the jar holds the dashboard (build frontend/ before mvn package)")
          .doesNotContain("The dashboard was not built");
      // sign-up through a provider opens once the first admin exists
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/setup/first-admin"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"email\":\"root@example.com\",\"username\":\"root\",\"password\":\"root password 1\"}"))
              .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);

      Map<String, String> expect = new HashMap<>();
      expect.put("DEVSANCTUM_URL", base);
      expect.put("OIDC_PROVIDER_NAME", "Keycloak");
      expect.put("OIDC_PASSWORD", PASSWORD);
      expect.put("OIDC_ADMIN_USERNAME", "ada");
      expect.put("OIDC_ADMIN_NAME", "Ada Lovelace");
      expect.put("OIDC_MEMBER_USERNAME", "bob");
      expect.put("OIDC_MEMBER_NAME", "Bob Builder");
      expect.put("SCREENSHOT_DIR", E2E.resolveSibling("docs").resolve("screenshots").toString());
      Run browser = node(expect, "node", "--test", "--test-concurrency=1", "oidc.e2e.mjs");
      assertThat(browser.exit()).as("e2e/oidc.e2e.mjs:\n%s\nDevSanctum's log:\n%s", browser.output(), jar.log())
          .isZero();
      System.out.println(browser.output());
    } finally {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private record Run(int exit, String output) {
  }

  /** Runs a command in e2e/, after installing its packages (npm ci) when they are not there yet. */
  private static Run node(Map<String, String> env, String... command) throws Exception {
    if (!Files.exists(E2E.resolve("node_modules/playwright-core"))) {
      Run install = run(Map.of(), "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
      assertThat(install.exit()).as("npm ci in e2e/: %s", install.output()).isZero();
    }
    return run(env, command);
  }

  private static Run run(Map<String, String> env, String... command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(E2E.toFile());
    builder.environment().putAll(env);
    Command.Outcome outcome = Command.execute(Duration.ofMinutes(5), builder, true);
    return new Run(outcome.exitCode(), outcome.output());
  }
}
