package io.devsanctum.provisioner.infrastructure.docker;

import com.github.dockerjava.api.exception.DockerException;
import io.devsanctum.common.bus.ErrorCode;
import io.vertx.core.eventbus.ReplyException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Turns docker-java failures into coded failures that name the host. */
final class DockerFailures {

  private DockerFailures() {
  }

  /** The engine could not be talked to at all (refused, timed out, TLS failed…). */
  static boolean isUnreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  static Throwable translate(String hostId, String operation, Duration bound, Throwable failure) {
    if (failure instanceof ReplyException) {
      return failure;
    }
    if (failure instanceof TimeoutException) {
      return ErrorCode.UNAVAILABLE.exception("Docker host '" + hostId + "' did not answer " + operation + " within "
          + bound.toSeconds() + " s");
    }
    if (isUnreachable(failure)) {
      return ErrorCode.UNAVAILABLE.exception("Docker host '" + hostId + "' is unreachable: " + rootMessage(failure));
    }
    if (failure instanceof DockerException docker) {
      int status = docker.getHttpStatus();
      if (status == 404) {
        return ErrorCode.NOT_FOUND.exception("Docker host '" + hostId + "' (" + operation + "): " + docker.getMessage());
      }
      if (status == 400 || status == 409) {
        return ErrorCode.UNPROCESSABLE.exception(
            "Docker host '" + hostId + "' refused " + operation + ": " + docker.getMessage());
      }
    }
    // anything else is unexpected; BusEndpoint logs it and answers INTERNAL
    return failure;
  }

  static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }
}
