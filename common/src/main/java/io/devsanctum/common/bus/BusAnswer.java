package io.devsanctum.common.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devsanctum.common.contract.ContractJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A typed call's answer as it travels: the JSON of {@code {"value": …}}, written once by the
 * answering side straight from its typed value and read once by the asking side straight into the
 * type it declares, so no tree of maps is built on either side. On a local bus (the standalone runs
 * every service in one JVM) a value nobody could tell from its JSON read back ({@link LocalHandOver}:
 * a page of workspaces, say) is handed over as it is, and its JSON is written only if it crosses a
 * cluster; that spares a list of 200 workspaces being written and parsed once more on its way to
 * the API. Anything else goes as its bytes, locally too (immutable, handed over without a copy).
 */
public final class BusAnswer {

  private static final ObjectMapper MAPPER = ContractJson.MAPPER;

  /** The envelope every answer has (an absent or null value is a null answer). */
  private record Envelope<T>(T value) {
  }

  /** The value answered, when it may be handed over as it is; else null. */
  private final Object shared;
  /** Its JSON: written at once for a value that is not shared, else when it first has to cross a cluster. */
  private volatile byte[] json;

  private BusAnswer(Object shared, byte[] json) {
    this.shared = shared;
    this.json = json;
  }

  /**
   * The answer {@code value} (null for none); IllegalArgumentException when a value that goes as
   * JSON cannot be written (a shared one is made of values that always can).
   */
  public static BusAnswer of(Object value) {
    return LocalHandOver.mayShare(value) ? new BusAnswer(value, null) : new BusAnswer(null, write(value));
  }

  static BusAnswer fromJson(byte[] json) {
    return new BusAnswer(null, json);
  }

  private static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(new Envelope<>(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the answer cannot be written as JSON", e);
    }
  }

  /** The type the envelope of answers of {@code valueType} is read as. */
  static JavaType envelopeOf(JavaType valueType) {
    return MAPPER.getTypeFactory().constructParametricType(Envelope.class, valueType);
  }

  /** The value as {@code envelopeType} ({@link #envelopeOf}) binds it: the value itself when it was handed over. */
  Object value(JavaType envelopeType) {
    if (shared != null && envelopeType.containedType(0).getRawClass().isInstance(shared)) {
      return shared;
    }
    try {
      Envelope<?> envelope = MAPPER.readValue(json(), envelopeType);
      return envelope == null ? null : envelope.value();
    } catch (IOException e) {
      throw new UncheckedIOException("malformed answer", e);
    }
  }

  byte[] json() {
    byte[] written = json;
    if (written == null) {
      written = write(shared);
      json = written;
    }
    return written;
  }

  /** The answer as it is on the wire, {@code {"value": …}} (for reading it as JSON, not as its type). */
  public JsonObject toJson() {
    return new JsonObject(Buffer.buffer(json()));
  }
}
