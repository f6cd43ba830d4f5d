package io.devsanctum.common.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How contract values (records, enums, UUIDs, times) are JSON: on the event bus, in API
 * responses, and where a service stores one as JSON. Times are ISO-8601; absent (null) fields are
 * left out and unknown ones ignored, so either side may add an optional field first; an absent
 * list, set or map is empty, never null.
 */
public final class ContractJson {

  public static final ObjectMapper MAPPER = DatabindCodec.mapper().copy()
      .registerModule(new JavaTimeModule())
      .registerModule(ContractTimes.module()) // after JavaTimeModule: its OffsetDateTime codec wins
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
      .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  static {
    for (Class<?> collection : List.of(List.class, Set.class, Map.class, Collection.class)) {
      MAPPER.configOverride(collection).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
    }
  }

  private ContractJson() {
  }

  /** The value as a JSON object (for a record, its fields). */
  @SuppressWarnings("unchecked")
  public static JsonObject toJson(Object value) {
    return new JsonObject(MAPPER.convertValue(value, Map.class));
  }

  /** The value a JSON object holds; IllegalArgumentException saying why when it holds none. */
  public static <T> T fromJson(JsonObject json, Class<T> type) {
    return MAPPER.convertValue(json.getMap(), type);
  }
}
