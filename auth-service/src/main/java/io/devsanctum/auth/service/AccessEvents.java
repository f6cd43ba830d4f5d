package io.devsanctum.auth.service;

import java.util.UUID;

/** Tells the rest of the platform that sessions ended or a user's access changed, so cached checks go. */
public interface AccessEvents {

  /** {@code userId}: whose access changed; null when it may be anyone's (a sign-out knows only its token). */
  void accessChanged(UUID userId);
}
