package io.devsanctum.common.contract.provisioner;

/** A terminal's size in character cells; each side 1 to {@link #MAX}. */
public record TerminalSize(int cols, int rows) {

  public static final int MAX = 1000;
  public static final TerminalSize DEFAULT = new TerminalSize(80, 24);

  /** The nearest size within bounds: a resize never fails. */
  public TerminalSize bounded() {
    return new TerminalSize(Math.min(Math.max(cols, 1), MAX), Math.min(Math.max(rows, 1), MAX));
  }

  public boolean withinBounds() {
    return equals(bounded());
  }
}
