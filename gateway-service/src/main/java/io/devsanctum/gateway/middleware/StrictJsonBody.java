package io.devsanctum.gateway.middleware;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

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
    Deque<Frame> open = new ArrayDeque<>();
    boolean rootDone = false;
    try (JsonParser parser = STRICT.createParser(json)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (rootDone) {
          return new Violation("/", "more than one JSON value");
        }
        Frame frame = open.peek();
        if (frame != null && token != JsonToken.END_ARRAY && token != JsonToken.END_OBJECT) {
          frame.advance(token, parser);
          if (token == JsonToken.FIELD_NAME) {
            if (!frame.keys.add(parser.currentName())) {
              return new Violation(frame.pointer(), "the key appears twice in its object");
            }
            if (unpairedSurrogate(parser.currentName())) {
              return new Violation(frame.pointer(), "the key has an unpaired UTF-16 surrogate");
            }
            continue;
          }
        }
        String here = frame == null ? "/" : frame.pointer();
        switch (token) {
          case START_OBJECT, START_ARRAY -> open.push(new Frame(here, token == JsonToken.START_OBJECT));
          case END_OBJECT, END_ARRAY -> open.pop();
          case VALUE_STRING -> {
            if (unpairedSurrogate(parser.getText())) {
              return new Violation(here, "the string has an unpaired UTF-16 surrogate");
            }
          }
          case VALUE_NUMBER_FLOAT -> {
            if (!Double.isFinite(parser.getDoubleValue())) {
              return new Violation(here, "the number is too large to be finite");
            }
          }
          default -> {
            // integers (bounded by the contract), booleans and null need nothing here
          }
        }
        rootDone = open.isEmpty();
      }
      return null;
    } catch (JsonProcessingException e) {
      String pointer = open.isEmpty() ? "/" : open.peek().pointer();
      return new Violation(pointer, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return new Violation("/", "not valid JSON: " + e.getMessage());
    }
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

  /** An open object or array, and where its current member is. */
  private static final class Frame {
    private final String base;
    private final boolean object;
    private final Set<String> keys = new HashSet<>();
    private String member;
    private int index = -1;

    Frame(String pointer, boolean object) {
      this.base = pointer.equals("/") ? "" : pointer;
      this.object = object;
    }

    void advance(JsonToken token, JsonParser parser) throws IOException {
      if (object && token == JsonToken.FIELD_NAME) {
        member = parser.currentName().replace("~", "~0").replace("/", "~1");
      } else if (!object) {
        index++;
      }
    }

    String pointer() {
      String segment = object ? member : Integer.toString(index);
      return segment == null ? (base.isEmpty() ? "/" : base) : base + "/" + segment;
    }
  }
}
