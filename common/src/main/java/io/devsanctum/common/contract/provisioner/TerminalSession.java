package io.devsanctum.common.contract.provisioner;

/**
 * An open process: where to send its input (bytes as Buffers, or {@link TerminalControl}s). A Buffer
 * sent as a request is answered once it is in the process's input, so a sender that keeps a bounded
 * number of Buffers unanswered holds no more than that for a process that reads slowly.
 */
public record TerminalSession(String sessionId, String inputAddress) {
}
