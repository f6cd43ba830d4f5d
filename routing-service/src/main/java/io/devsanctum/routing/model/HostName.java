package io.devsanctum.routing.model;

import java.util.regex.Pattern;

/**
 * A DNS host name as the route table stores it: lowercase labels of a-z, 0-9 and '-', none
 * starting or ending with '-', each at most 63 characters. Nothing else can reach a proxy rule.
 */
public final class HostName {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
  private static final int MAX_LENGTH = 253;

  private HostName() {
  }

  public static boolean isValid(String host) {
    if (host == null || host.isEmpty() || host.length() > MAX_LENGTH) {
      return false;
    }
    for (String label : host.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  public static boolean isValidLabel(String label) {
    return label != null && LABEL.matcher(label).matches();
  }
}
