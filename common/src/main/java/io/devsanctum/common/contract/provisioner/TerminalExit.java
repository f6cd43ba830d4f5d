package io.devsanctum.common.contract.provisioner;

/** The last message of a process's output: it ended, with its exit {@code code} when that is known. */
public record TerminalExit(Integer code) {
}
