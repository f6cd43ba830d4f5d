package io.devsanctum.common.contract.provisioner;

import io.devsanctum.common.bus.Nullable;
import java.util.Map;

/**
 * A process to run in a workspace's container, as its user: {@code command} (a shell command line,
 * run by {@code /bin/sh -c}) or, when null, the user's login shell (bash where the image has it, sh
 * otherwise). With {@code tty} it gets a terminal of {@code size} (default 80x24) and its output is
 * one stream; without, stdout and stderr stay apart (stderr's Buffers carry the {@link #STREAM_HEADER}
 * {@link #STDERR}), as programs that speak a protocol over them need. {@code env} is added to the
 * container's environment: up to {@link #MAX_ENV} variables named as POSIX shells name them.
 */
public record ProcessRequest(@Nullable String command, boolean tty, @Nullable TerminalSize size,
    Map<String, String> env) {

  public static final String STREAM_HEADER = "stream";
  public static final String STDERR = "stderr";
  public static final int MAX_ENV = 64;

  /** The web terminal's: a login shell with a TTY. */
  public static ProcessRequest loginShell(TerminalSize size) {
    return new ProcessRequest(null, true, size, Map.of("TERM", "xterm-256color"));
  }
}
