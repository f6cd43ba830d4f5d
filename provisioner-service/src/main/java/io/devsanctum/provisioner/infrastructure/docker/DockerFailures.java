package io.devsanctum.provisioner.infrastructure.docker;

import com.github.dockerjava.api.exception.DockerException;
import io.devsanctum.common.domain.NotFoundException;
import io.devsanctum.common.domain.UnavailableException;
import io.devsanctum.common.domain.UnprocessableException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns docker-java failures into coded failures that name the host. */
final class DockerFailures {

  private static final Pattern ENGINE_ANSWER = Pattern.compile("Status \\d+: (\\{.*})", Pattern.DOTALL);

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
      return new UnavailableException("Docker host '" + hostId + "' did not answer " + operation + " within "
          + bound.toSeconds() + " s");
    }
    if (isUnreachable(failure)) {
      return new UnavailableException("Docker host '" + hostId + "' is unreachable: " + rootMessage(failure));
    }
    if (failure instanceof DockerException docker) {
      int status = docker.getHttpStatus();
      if (status == 404) {
        return new NotFoundException("Docker host '" + hostId + "' (" + operation + "): " + engineMessage(docker));
      }
      if (status == 400 || status == 409) {
        return new UnprocessableException(
            "Docker host '" + hostId + "' refused " + operation + ": " + engineMessage(docker));
      }
    }
    // anything else is unexpected; BusEndpoint logs it and answers INTERNAL
    return failure;
  }

  /**
   * What the engine said, without docker-java's wrapping: its messages read
   * {@code Status 400: {"message":"..."}}, and only the message is for people.
   */
  static String engineMessage(DockerException failure) {
    String text = String.valueOf(failure.getMessage()).strip();
    Matcher wrapped = ENGINE_ANSWER.matcher(text);
    if (wrapped.matches()) {
      try {
        String message = new JsonObject(wrapped.group(1)).getString("message");
        if (message != null && !message.isBlank()) {
          return message.strip();
        }
      } catch (DecodeException | ClassCastException notTheUsualAnswer) {
        // fall through: the text as it is
      }
    }
    return text;
  }

  static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }
}
