package io.devsanctum.gateway.middleware;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;

/**
 * A JSON request body must be plain RFC 8259 JSON before the contract is checked against it:
 * UTF-8 (no byte-order mark, no other encoding, no malformed bytes), no comments, one value,
 * no key twice in an object, finite numbers (a {@code 1e999} would become Infinity and be
 * stored as something no reader maps back), no unpaired surrogates, nesting at most
 * {@value #MAX_DEPTH} deep. Vert.x's own JSON reading is lenient on several of these, so the body
 * is read strictly here first; what fails is a 400 naming where in the body it failed.
 */
public class StrictJsonBody implements Handler<RoutingContext> {

  static final int MAX_DEPTH = 32;
  private static final JsonFactory STRICT = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build();

  /** Where in the body it failed (a JSON pointer) and why. */
  record Violation(String pointer, String reason) {
  }

  @Override
  public void handle(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0 || !isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
      ctx.next();
      return;
    }
    Violation violation = check(body.getBytes());
    if (violation == null) {
      ctx.next();
      return;
    }
    Problem problem = ProblemHandler.forStatus(400, "the body is not acceptable JSON: " + violation.reason())
        .withErrors(new JsonArray().add(new JsonObject().put("field", violation.pointer()).put("reason", violation.reason())));
    ProblemHandler.logRefusal(ctx.request().method().name(), ctx.request().path(), problem);
    problem.send(ctx);
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase();
    return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
  }

  /** The first way {@code json} breaks the rules above, or null when it keeps them. */
  static Violation check(byte[] json) {
    if (json.length >= 2 && (json[0] == (byte) 0xFE || json[0] == (byte) 0xFF || json[0] == (byte) 0xEF)) {
      return new Violation("/", "must be UTF-8 without a byte-order mark");
    }
    for (byte b : json) {
      if (b == 0) {
        return new Violation("/", "must be UTF-8 (a NUL byte was sent; in a string it is written \\u0000)");
      }
    }
    JsonParser parser = null;
    try {
      parser = STRICT.createParser(json);
      boolean rootDone = false;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (rootDone) {
          return new Violation("/", "more than one JSON value");
        }
        String text = token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING ? parser.getText() : null;
        if (text != null && unpairedSurrogate(text)) {
          return new Violation(pointer(parser), "the text has an unpaired UTF-16 surrogate");
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT && !Double.isFinite(parser.getDoubleValue())) {
          return new Violation(pointer(parser), "the number is too large to be finite");
        }
        rootDone = parser.getParsingContext().inRoot() && token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY;
      }
      return null;
    } catch (JsonProcessingException e) {
      return new Violation(parser == null ? "/" : pointer(parser), "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return new Violation("/", "not valid JSON: " + e.getMessage());
    } finally {
      closeQuietly(parser);
    }
  }

  /** Where the parser is, as a JSON pointer: the member or element being read. */
  private static String pointer(JsonParser parser) {
    String pointer = parser.getParsingContext().pathAsPointer().toString();
    return pointer.isEmpty() ? "/" : pointer;
  }

  private static boolean unpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static void closeQuietly(JsonParser parser) {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException e) {
        // a byte array holds nothing to release
      }
    }
  }
}
