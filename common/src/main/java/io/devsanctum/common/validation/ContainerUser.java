package io.devsanctum.common.validation;

import java.util.regex.Pattern;

/** How a container's user is written: a user name or uid, optionally {@code :} a group name or gid. */
public final class ContainerUser {

  public static final Pattern SYNTAX = Pattern.compile(
      "(?:[a-z_][a-z0-9_-]{0,31}|[0-9]{1,10})(?::(?:[a-z_][a-z0-9_-]{0,31}|[0-9]{1,10}))?");

  private ContainerUser() {
  }

  public static boolean isWellFormed(String user) {
    return user != null && SYNTAX.matcher(user).matches();
  }
}
