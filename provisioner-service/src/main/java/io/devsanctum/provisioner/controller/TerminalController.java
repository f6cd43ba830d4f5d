package io.devsanctum.provisioner.controller;

import static io.devsanctum.provisioner.controller.ProvisionerJson.required;

import io.devsanctum.common.bus.BusEndpoint;
import io.devsanctum.common.bus.ProvisionerContract;
import io.devsanctum.provisioner.model.ShellOutput;
import io.devsanctum.provisioner.service.TerminalService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * Web-terminal sessions over the event bus: output streams to the caller's address as Buffers,
 * input arrives on a per-session address. The session ends when the shell exits or the caller
 * sends "close".
 */
public class TerminalController {

  private final Vertx vertx;
  private final TerminalService terminals;

  public TerminalController(Vertx vertx, TerminalService terminals) {
    this.vertx = vertx;
    this.terminals = terminals;
  }

  public void register() {
    BusEndpoint.serve(vertx, ProvisionerContract.TERMINAL_OPEN, this::open);
  }

  private Future<JsonObject> open(Message<JsonObject> message) {
    JsonObject body = message.body();
    RemoteTerminal remote = new RemoteTerminal(required(body, "outputAddress"));
    return terminals.open(required(body, "hostId"), required(body, "workspaceId"),
            body.getInteger("cols", 80), body.getInteger("rows", 24), remote)
        .map(sessionId -> {
          String inputAddress = "provisioner.terminal." + sessionId;
          remote.input = vertx.eventBus().consumer(inputAddress, in -> onInput(sessionId, in.body()));
          return new JsonObject().put("sessionId", sessionId).put("inputAddress", inputAddress);
        });
  }

  /** The caller's end of a session: output goes to its address; the input consumer ends with the shell. */
  private final class RemoteTerminal implements ShellOutput {
    private final String outputAddress;
    private volatile MessageConsumer<Object> input;

    RemoteTerminal(String outputAddress) {
      this.outputAddress = outputAddress;
    }

    @Override
    public void data(byte[] bytes) {
      vertx.eventBus().send(outputAddress, Buffer.buffer(bytes));
    }

    @Override
    public void exited(Integer exitCode) {
      vertx.eventBus().send(outputAddress, new JsonObject().put("type", "exit").put("code", exitCode));
      if (input != null) {
        input.unregister();
      }
    }
  }

  private void onInput(String sessionId, Object body) {
    if (body instanceof Buffer keystrokes) {
      terminals.write(sessionId, keystrokes.getBytes());
    } else if (body instanceof JsonObject control) {
      switch (control.getString("type", "")) {
        case "resize" -> terminals.resize(sessionId, control.getInteger("cols", 80), control.getInteger("rows", 24));
        case "close" -> terminals.close(sessionId);
        default -> { } // unknown controls are ignored: newer gateways may send more
      }
    }
  }
}
