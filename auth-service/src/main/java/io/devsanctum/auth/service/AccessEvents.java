package io.devsanctum.auth.service;

import java.util.UUID;

/** Tells the rest of the platform that sessions ended or a user's access changed, so cached checks go. */
public interface AccessEvents {

  /** {@code userId}: whose sessions ended or whose role or status changed. */
  void accessChanged(UUID userId);
}
