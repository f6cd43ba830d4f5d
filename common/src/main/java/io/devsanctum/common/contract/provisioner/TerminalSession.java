package io.devsanctum.common.contract.provisioner;

/** An open process: where to send its input (bytes as Buffers, or {@link TerminalControl}s). */
public record TerminalSession(String sessionId, String inputAddress) {
}
