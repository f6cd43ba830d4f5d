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
 * type it declares. The same bytes cross a clustered bus and a local one (immutable, so a local
 * delivery hands them over instead of copying), and no tree of maps is built on either side.
 */
public final class BusAnswer {

  private static final ObjectMapper MAPPER = ContractJson.MAPPER;

  /** The envelope every answer has (an absent or null value is a null answer). */
  private record Envelope<T>(T value) {
  }

  private final byte[] json;

  private BusAnswer(byte[] json) {
    this.json = json;
  }

  /** The answer {@code value} (null for none), written as the contract's JSON. */
  public static BusAnswer of(Object value) {
    try {
      return new BusAnswer(MAPPER.writeValueAsBytes(new Envelope<>(value)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the answer cannot be written as JSON", e);
    }
  }

  static BusAnswer fromJson(byte[] json) {
    return new BusAnswer(json);
  }

  /** The type the envelope of answers of {@code valueType} is read as. */
  static JavaType envelopeOf(JavaType valueType) {
    return MAPPER.getTypeFactory().constructParametricType(Envelope.class, valueType);
  }

  /** The value as {@code envelopeType} ({@link #envelopeOf}) binds it. */
  Object value(JavaType envelopeType) {
    try {
      Envelope<?> envelope = MAPPER.readValue(json, envelopeType);
      return envelope == null ? null : envelope.value();
    } catch (IOException e) {
      throw new UncheckedIOException("malformed answer", e);
    }
  }

  byte[] json() {
    return json;
  }

  /** The answer as it is on the wire, {@code {"value": …}} (for reading it as JSON, not as its type). */
  public JsonObject toJson() {
    return new JsonObject(Buffer.buffer(json));
  }
}
