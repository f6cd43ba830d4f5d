package io.devsanctum.common.contract.provisioner;

/**
 * A terminal's control message, beside its keystrokes: {@code resize} (with {@code size}) or
 * {@code close}. Controls a provisioner does not know are ignored, so newer gateways may send more.
 */
public record TerminalControl(String type, TerminalSize size) {

  public static final String RESIZE = "resize";
  public static final String CLOSE = "close";

  public static TerminalControl resize(TerminalSize size) {
    return new TerminalControl(RESIZE, size);
  }

  public static TerminalControl close() {
    return new TerminalControl(CLOSE, null);
  }
}
