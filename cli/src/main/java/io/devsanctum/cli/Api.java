package io.devsanctum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The platform's REST API with the CLI's API token. A refusal becomes a {@link CliException} whose
 * message is the problem's detail and its field errors, on one line.
 */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** The most a page may hold (the API's maximum): a long list takes few requests. */
  private static final int PAGE_LIMIT = 500;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final String url;
  private final String token;

  Api(String url, String token) {
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.token = token;
  }

  static Api of(CliConfig config) {
    return new Api(config.url(), config.token());
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  /**
   * Every item of a paged list ({@code path} without a query, or with one), following
   * {@code nextCursor} from the first page to the last, so a script sees the whole list. A cursor
   * that came back again would never end: that is a failure, not a loop.
   */
  ArrayNode all(String path, String itemsName) {
    ArrayNode items = JSON.createArrayNode();
    Set<String> seen = new HashSet<>();
    String first = path + (path.contains("?") ? "&" : "?") + "limit=" + PAGE_LIMIT;
    String cursor = null;
    do {
      JsonNode page = get(cursor == null ? first : first + "&cursor=" + encode(cursor));
      page.path(itemsName).forEach(items::add);
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
      if (cursor != null && !seen.add(cursor)) {
        throw new CliException(CliException.FAILED, "the server repeated a page of " + path);
      }
    } while (cursor != null);
    return items;
  }

  JsonNode post(String path, JsonNode body) {
    return send("POST", path, body);
  }

  JsonNode patch(String path, JsonNode body) {
    return send("PATCH", path, body);
  }

  JsonNode delete(String path) {
    return send("DELETE", path, null);
  }

  /**
   * Copies the text answer of a GET asked as {@code accept} (a download: CSV) to {@code out} as
   * it arrives, never holding it whole; a refusal is read as a problem like any other.
   */
  void download(String path, String accept, Writer out) {
    HttpRequest request = authorized(path, accept).GET().build();
    HttpResponse<InputStream> response = exchange(() -> http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    try (InputStream body = response.body()) {
      if (response.statusCode() >= 400) {
        throw refusal(response.statusCode(), parse(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
      }
      new InputStreamReader(body, StandardCharsets.UTF_8).transferTo(out);
      out.flush();
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "the download from " + url + " broke off: " + e.getMessage());
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder authorized(String path, String accept) {
    return HttpRequest.newBuilder(URI.create(url + path)).timeout(TIMEOUT)
        .header("Accept", accept)
        .header("Authorization", "Bearer " + token);
  }

  private interface Exchange<T> {
    HttpResponse<T> send() throws IOException, InterruptedException;
  }

  /** One request's answer; not reaching the platform is one clear line. */
  private <T> HttpResponse<T> exchange(Exchange<T> exchange) {
    try {
      return exchange.send();
    } catch (ConnectException refused) {
      throw new CliException(CliException.FAILED, "cannot reach " + url + ": connection refused");
    } catch (IOException e) {
      throw new CliException(CliException.FAILED, "cannot reach " + url + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted");
    }
  }

  private JsonNode send(String method, String path, JsonNode body) {
    HttpRequest.Builder request = authorized(path, "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpRequest built = request.build();
    HttpResponse<String> response = exchange(() -> http.send(built, HttpResponse.BodyHandlers.ofString()));
    JsonNode answer = parse(response.body());
    if (response.statusCode() >= 400) {
      throw refusal(response.statusCode(), answer);
    }
    return answer;
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return JSON.createObjectNode().put("detail", body.strip());
    }
  }

  private static CliException refusal(int status, JsonNode problem) {
    String detail = problem.path("detail").asText(problem.path("title").asText("HTTP " + status));
    String fields = StreamSupport.stream(problem.path("errors").spliterator(), false)
        .map(error -> error.path("field").asText() + ": " + error.path("reason").asText())
        .collect(Collectors.joining("; "));
    String message = fields.isEmpty() ? detail : detail + " (" + fields + ")";
    int code = switch (status) {
      case 401 -> CliException.UNAUTHENTICATED;
      case 404 -> CliException.NOT_FOUND;
      case 400, 409, 422 -> CliException.REFUSED;
      default -> CliException.FAILED;
    };
    return new CliException(code, status == 401 ? message + " (sign in again with `devsanctum login`)" : message, status);
  }
}
