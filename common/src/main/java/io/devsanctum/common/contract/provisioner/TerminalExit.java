package io.devsanctum.common.contract.provisioner;

/** The last message of a terminal's output: its shell ended, with {@code code} when it is known. */
public record TerminalExit(Integer code) {
}
