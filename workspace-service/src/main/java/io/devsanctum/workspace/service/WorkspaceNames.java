package io.devsanctum.workspace.service;

import io.devsanctum.common.domain.InvalidInputException;
import java.util.regex.Pattern;

/** Workspace and template names end up in host names and Docker resource names: DNS-label safe. */
public final class WorkspaceNames {

  static final Pattern NAME = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$");

  private WorkspaceNames() {
  }

  /** Throws VALIDATION naming {@code field} unless {@code name} is 1-32 chars of a-z, 0-9 and '-'. */
  public static String require(String field, String name) {
    if (name == null || !NAME.matcher(name).matches() || name.contains("--")) {
      throw new InvalidInputException(field, "1-32 lowercase letters, digits or single '-'," + " starting and ending with a letter or digit");
    }
    return name;
  }
}
