package io.devsanctum.common.contract.provisioner;

/**
 * A process's control message, beside its input: {@code resize} (with {@code size}), {@code eof}
 * (its input ends; for a process without a terminal on a host whose connection can say so) or
 * {@code close}. Controls a provisioner does not know are ignored, so newer gateways may send more.
 */
public record TerminalControl(String type, TerminalSize size) {

  public static final String RESIZE = "resize";
  public static final String CLOSE = "close";
  public static final String EOF = "eof";

  public static TerminalControl resize(TerminalSize size) {
    return new TerminalControl(RESIZE, size);
  }

  public static TerminalControl endOfInput() {
    return new TerminalControl(EOF, null);
  }

  public static TerminalControl close() {
    return new TerminalControl(CLOSE, null);
  }
}
