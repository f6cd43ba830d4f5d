package io.devsanctum.common.contract.provisioner;

/** An open shell: where to send its input (keystrokes as Buffers, or {@link TerminalControl}s). */
public record TerminalSession(String sessionId, String inputAddress) {
}
