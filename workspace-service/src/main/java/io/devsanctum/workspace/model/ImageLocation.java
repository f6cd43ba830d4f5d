package io.devsanctum.workspace.model;

import java.util.List;

/** Which Docker hosts have an image: those that do, those that do not, those that could not be asked. */
public record ImageLocation(List<String> present, List<String> missing, List<String> unchecked) {

  public ImageLocation {
    present = List.copyOf(present);
    missing = List.copyOf(missing);
    unchecked = List.copyOf(unchecked);
  }
}
