package io.devsanctum.provisioner.model;

import java.util.List;

/** The Linux privileges a workspace container gets. */
public record SecurityProfile(boolean privileged, List<String> capDrop, List<String> capAdd, List<String> securityOpts) {

  public SecurityProfile {
    capDrop = List.copyOf(capDrop);
    capAdd = List.copyOf(capAdd);
    securityOpts = List.copyOf(securityOpts);
  }
}
