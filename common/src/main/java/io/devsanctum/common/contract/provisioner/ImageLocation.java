package io.devsanctum.common.contract.provisioner;

import java.util.List;

/** Which configured hosts have an image: present, missing, or not asked (down, or no answer in time). */
public record ImageLocation(List<String> present, List<String> missing, List<String> unchecked) {

  public ImageLocation {
    present = List.copyOf(present);
    missing = List.copyOf(missing);
    unchecked = List.copyOf(unchecked);
  }
}
