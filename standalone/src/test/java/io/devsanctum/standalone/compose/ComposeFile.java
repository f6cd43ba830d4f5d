package io.devsanctum.standalone.compose;

import io.devsanctum.common.testkit.Command;
import io.devsanctum.standalone.api.Docker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * compose/docker-compose.yml as docker-compose itself resolves it ({@code docker-compose config})
 * with a given env file: anchors merged, every {@code ${VAR}} filled in. What the deployment test
 * runs is read from here, so it cannot drift from what Compose runs.
 */
final class ComposeFile {

  /** One service as Compose would create its container. */
  record Service(String name, String image, Map<String, String> environment, List<String> groupAdd,
      List<String> binds, Healthcheck healthcheck) {
  }

  /** A healthcheck as Compose gives it to Docker. */
  record Healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod, int retries) {
  }

  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  private final Map<String, Object> config;

  private ComposeFile(Map<String, Object> config) {
    this.config = config;
  }

  /** Runs {@code docker-compose config} on the repository's compose file with {@code envFile}. */
  static ComposeFile resolve(Path envFile) {
    Path composeFile = Docker.repoRoot().resolve("compose/docker-compose.yml");
    Command.Outcome config = Command.execute(Duration.ofMinutes(1), List.of("docker-compose", "-f",
        composeFile.toString(), "--env-file", envFile.toString(), "config"), false);
    if (config.exitCode() != 0) {
      throw new AssertionError("docker-compose config failed (scripts/ensure-docker-compose.sh installs it): "
          + config.errors());
    }
    return new ComposeFile(new Yaml().load(config.output()));
  }

  Service service(String name) {
    Map<String, Object> service = map(map(config.get("services")).get(name));
    if (service.isEmpty()) {
      throw new AssertionError("compose/docker-compose.yml has no service " + name);
    }
    Map<String, String> environment = new LinkedHashMap<>();
    map(service.get("environment")).forEach((key, value) -> environment.put(key, value == null ? "" : literal(value)));
    List<String> groups = list(service.get("group_add")).stream().map(ComposeFile::literal).toList();
    List<String> binds = new ArrayList<>();
    for (Object volume : list(service.get("volumes"))) {
      // docker-compose 1.x writes the short form source:target[:mode]; only host paths are bind mounts
      String spec = literal(volume);
      if (spec.startsWith("/")) {
        binds.add(spec);
      }
    }
    return new Service(name, literal(service.get("image")), environment, groups, binds,
        healthcheck(map(service.get("healthcheck"))));
  }

  /** The subnet and gateway of the network every service is on. */
  Map<String, String> networkIpam(String network) {
    Map<String, Object> ipam = map(map(map(map(config.get("networks")).get(network)).get("ipam")));
    Map<String, Object> first = map(list(ipam.get("config")).get(0));
    return Map.of("subnet", literal(first.get("subnet")), "gateway", literal(first.get("gateway")));
  }

  private static Healthcheck healthcheck(Map<String, Object> check) {
    if (check.isEmpty()) {
      return null;
    }
    return new Healthcheck(list(check.get("test")).stream().map(ComposeFile::literal).toList(),
        duration(check.get("interval")), duration(check.get("timeout")), duration(check.get("start_period")),
        check.get("retries") == null ? 3 : ((Number) check.get("retries")).intValue());
  }

  /** A Compose duration such as 15s or 1m30s. */
  static Duration duration(Object value) {
    if (value == null) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    Matcher part = DURATION_PART.matcher(value.toString());
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      total = total.plus(switch (part.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      });
    }
    return total;
  }

  /** A value as the container gets it: in Compose's output a literal '$' is still written "$$". */
  private static String literal(Object value) {
    return String.valueOf(value).replace("$$", "$");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return value instanceof List<?> list ? (List<Object>) list : List.of();
  }

  static Path writeEnvFile(Map<String, String> values) throws IOException {
    Path file = Files.createTempFile("devsanctum-compose-", ".env");
    StringBuilder text = new StringBuilder();
    values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    Files.writeString(file, text);
    return file;
  }
}
