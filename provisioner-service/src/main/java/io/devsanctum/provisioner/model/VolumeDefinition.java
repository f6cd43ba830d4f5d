package io.devsanctum.provisioner.model;

import java.util.Map;

/**
 * A workspace's home volume.
 *
 * @param sizeLimit the most it may hold (e.g. {@code 20G}); null for no limit
 */
public record VolumeDefinition(String name, Map<String, String> labels, String sizeLimit) {

  public VolumeDefinition {
    labels = Map.copyOf(labels);
  }
}
