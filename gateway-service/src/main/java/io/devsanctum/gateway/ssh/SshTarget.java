package io.devsanctum.gateway.ssh;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The workspace an SSH login names: {@code <workspace>} (the caller's own) or
 * {@code <workspace>.<owner>} (one of another user's that the caller may open). Workspace and
 * user names are lowercase letters, digits and inner dashes, so the dot is unambiguous.
 *
 * @param owner the owner's username; null for the caller's own workspace
 */
record SshTarget(String workspace, String owner) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");

  /** Empty for a login that cannot name a workspace. */
  static Optional<SshTarget> parse(String login) {
    if (login == null) {
      return Optional.empty();
    }
    int dot = login.indexOf('.');
    String workspace = dot < 0 ? login : login.substring(0, dot);
    String owner = dot < 0 ? null : login.substring(dot + 1);
    if (!NAME.matcher(workspace).matches() || owner != null && !NAME.matcher(owner).matches()) {
      return Optional.empty();
    }
    return Optional.of(new SshTarget(workspace, owner));
  }
}
