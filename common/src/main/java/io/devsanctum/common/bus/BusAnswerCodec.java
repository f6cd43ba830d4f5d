package io.devsanctum.common.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/** Carries a {@link BusAnswer} across a clustered event bus as its JSON, and hands it over as it is locally. */
final class BusAnswerCodec implements MessageCodec<BusAnswer, BusAnswer> {

  @Override
  public void encodeToWire(Buffer buffer, BusAnswer answer) {
    buffer.appendInt(answer.json().length).appendBytes(answer.json());
  }

  @Override
  public BusAnswer decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return BusAnswer.fromJson(buffer.getBytes(pos + 4, pos + 4 + length));
  }

  @Override
  public BusAnswer transform(BusAnswer answer) {
    return answer; // immutable
  }

  @Override
  public String name() {
    return "devsanctum-bus-answer";
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
