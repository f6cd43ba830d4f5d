package io.devsanctum.common.bus;

import io.vertx.core.json.JsonObject;

/** Maps one record to and from its wire form; one mapper per record, used at the edges only. */
public interface JsonMapper<T> {

  JsonObject toJson(T value);

  T fromJson(JsonObject json);
}
