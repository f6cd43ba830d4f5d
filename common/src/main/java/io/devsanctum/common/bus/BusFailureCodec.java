package io.devsanctum.common.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Carries a {@link BusFailure} across a clustered event bus with all its structured data. */
final class BusFailureCodec implements MessageCodec<BusFailure, BusFailure> {

  @Override
  public void encodeToWire(Buffer buffer, BusFailure failure) {
    JsonObject json = new JsonObject()
        .put("code", failure.errorCode().code())
        .put("message", failure.getMessage())
        .put("fieldErrors", new JsonArray(failure.fieldErrors().stream()
            .map(error -> new JsonObject().put("field", error.field()).put("reason", error.reason())).toList()));
    failure.retryAfterSeconds().ifPresent(seconds -> json.put("retryAfterSeconds", seconds));
    Buffer encoded = json.toBuffer();
    buffer.appendInt(encoded.length()).appendBuffer(encoded);
  }

  @Override
  public BusFailure decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    JsonObject json = new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
    List<FieldError> errors = json.getJsonArray("fieldErrors", new JsonArray()).stream()
        .map(JsonObject.class::cast)
        .map(error -> new FieldError(error.getString("field"), error.getString("reason")))
        .toList();
    return new BusFailure(ErrorCode.fromCode(json.getInteger("code")), json.getString("message"), errors,
        json.getLong("retryAfterSeconds"));
  }

  @Override
  public BusFailure transform(BusFailure failure) {
    return failure; // immutable
  }

  @Override
  public String name() {
    return "devsanctum-bus-failure";
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
