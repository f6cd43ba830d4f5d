package io.devsanctum.common.contract.workspace;

import java.util.List;

/**
 * Something an admin should know about a template that was saved all the same.
 *
 * @param code  what kind of warning ({@code image-missing}, {@code image-unchecked})
 * @param hosts the Docker hosts it concerns
 */
public record TemplateWarning(String code, String detail, List<String> hosts) {

  public TemplateWarning {
    hosts = List.copyOf(hosts);
  }
}
