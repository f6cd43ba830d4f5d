package io.devsanctum.gateway.edge;

import io.devsanctum.common.config.ConfigException;
import io.devsanctum.common.config.Env;
import io.devsanctum.gateway.edge.StrictRequestDecoder.ConflictingLengthException;
import io.devsanctum.gateway.edge.StrictRequestDecoder.UnsupportedVersionException;
import io.devsanctum.gateway.middleware.Problem;
import io.devsanctum.gateway.middleware.ProblemHandler;
import io.devsanctum.gateway.middleware.RequestIdHandler;
import io.devsanctum.gateway.middleware.SecurityHeaders;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server's own defences, in force before any route runs and for workspace hosts too:
 * bounded request line and headers, an idle timeout, a bound on the time a request's head may take
 * ({@link StrictRequestDecoder}, which also refuses ambiguous body lengths), HTTP/1.x only (no
 * clear-text HTTP/2, which would bypass all of this), and requests that name their host and carry
 * a well-formed, UTF-8 request target. Whatever is refused here is answered as a problem
 * (application/problem+json) and logged as one INFO line.
 *
 * <p>Answers of 1 KiB or more are compressed (gzip or deflate) for clients that accept it, except
 * those marked {@link #sentAsIs}: a workspace app's answers go to the visitor as the app sent
 * them, and an event stream's trickle of small events would gain nothing while holding a
 * compressor per open stream.
 */
public final class HttpEdge {

  public static final String IDLE_TIMEOUT = "DEVSANCTUM_HTTP_IDLE_TIMEOUT_SECONDS";
  public static final String HEADER_TIMEOUT = "DEVSANCTUM_HTTP_HEADER_TIMEOUT_SECONDS";
  /** The request line; the longest input the contract takes in a URL (a 4 KiB handoff path) fits, escaped. */
  static final int MAX_REQUEST_LINE_BYTES = 16 * 1024;
  /** All header lines together: cookies and tokens fit many times over. */
  static final int MAX_HEADER_BYTES = 16 * 1024;
  /** Smaller answers are sent as they are: compressing them saves less than it costs. */
  static final int COMPRESSION_THRESHOLD_BYTES = 1024;

  private final Duration headerTimeout;
  private final HttpServerOptions options;

  private HttpEdge(Duration idleTimeout, Duration headerTimeout) {
    this.headerTimeout = headerTimeout;
    this.options = new HttpServerOptions()
        .setIdleTimeout((int) idleTimeout.toSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
        .setMaxHeaderSize(MAX_HEADER_BYTES)
        .setHttp2ClearTextEnabled(false)
        .setCompressionSupported(true)
        // JSON shrinks about as much at level 1 as at the default 6, for a fraction of the CPU
        .setCompressionLevel(1)
        .setCompressionContentSizeThreshold(COMPRESSION_THRESHOLD_BYTES);
  }

  public static HttpEdge from(Env env) {
    return new HttpEdge(seconds(env, IDLE_TIMEOUT, 60), seconds(env, HEADER_TIMEOUT, 10));
  }

  private static Duration seconds(Env env, String variable, int defaultSeconds) {
    int seconds = env.integer(variable, defaultSeconds);
    if (seconds < 1) {
      throw new ConfigException(variable + " must be at least 1 (seconds), got " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  /** The server's options: listen address and port are added by the caller. */
  public HttpServerOptions serverOptions() {
    return new HttpServerOptions(options);
  }

  /**
   * Marks an answer to be sent uncompressed whatever the client accepts (Vert.x leaves an answer
   * with a {@code Content-Encoding} alone, and drops {@code identity} before sending it).
   */
  public static void sentAsIs(MultiMap headers) {
    if (!headers.contains(HttpHeaders.CONTENT_ENCODING)) {
      headers.set(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
    }
  }

  /** The connection handler: every HTTP/1.x connection gets the strict decoder before it reads a byte. */
  public void harden(HttpConnection connection) {
    if (connection instanceof HttpServerConnection http) {
      http.channelHandlerContext().pipeline()
          .replace("httpDecoder", "httpDecoder", new StrictRequestDecoder(options, headerTimeout));
    }
  }

  /** A request without a (valid) host cannot be routed, to a workspace or the API: it is answered here. */
  public Handler<HttpServerRequest> inFrontOf(Handler<HttpServerRequest> next) {
    return request -> {
      if (request.authority() == null) {
        refuse(request, 400, "the request must name its host in a valid Host header");
      } else {
        next.handle(request);
      }
    };
  }

  /**
   * For the server's own routes (a workspace's app reads its URLs as it likes): a request target
   * with a malformed escape is answered here, before routing would fail on it.
   */
  public static Handler<HttpServerRequest> checkingTargets(Handler<HttpServerRequest> next) {
    return request -> {
      if (wellFormedTarget(request.uri())) {
        next.handle(request);
      } else {
        refuse(request, 400, "the request target has a malformed percent-escape, a control character"
            + " or is not UTF-8");
      }
    };
  }

  /**
   * The invalid-request handler: what the decoder refused (too long, ambiguous, not HTTP/1.x,
   * malformed). Vert.x closes the connection once this answer is sent.
   */
  public void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    if (cause instanceof TooLongHttpLineException) {
      refuse(request, 414, "the request line is longer than " + MAX_REQUEST_LINE_BYTES + " bytes");
    } else if (cause instanceof TooLongHttpHeaderException) {
      refuse(request, 431, "the request's headers are larger than " + MAX_HEADER_BYTES + " bytes");
    } else if (cause instanceof UnsupportedVersionException) {
      refuse(request, 505, cause.getMessage());
    } else if (cause instanceof ConflictingLengthException) {
      refuse(request, 400, cause.getMessage());
    } else {
      refuse(request, 400, "malformed HTTP request" + (cause == null || cause.getMessage() == null ? ""
          : ": " + cause.getMessage()));
    }
  }

  private static void refuse(HttpServerRequest request, int status, String detail) {
    String requestId = RequestIdHandler.idFor(request);
    Problem problem = ProblemHandler.forStatus(status, detail);
    ProblemHandler.logRefusal(request.method().name(), request.path(), problem);
    SecurityHeaders.apply(request.response().headers(), SecurityHeaders.CONTENT_SECURITY_POLICY);
    request.response()
        .putHeader(RequestIdHandler.HEADER, requestId)
        .putHeader("Connection", "close")
        .putHeader("Cache-Control", "no-store");
    problem.send(request.response(), null, requestId);
    request.connection().close(); // what follows on this connection cannot be trusted to be framed right
  }

  /**
   * Every {@code %} starts two hex digits, there are no raw control characters or spaces, and what
   * the escapes stand for is UTF-8: anything else would be decoded differently by different parts
   * of the server (or fail there).
   */
  static boolean wellFormedTarget(String uri) {
    ByteBuffer bytes = ByteBuffer.allocate(uri.length());
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c <= ' ' || c == 0x7F || c > 0xFF) {
        return false;
      }
      if (c == '%') {
        if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0 || Character.digit(uri.charAt(i + 2), 16) < 0) {
          return false;
        }
        bytes.put((byte) Integer.parseInt(uri, i + 1, i + 3, 16));
        i += 2;
      } else {
        bytes.put((byte) c);
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes.flip());
      return true;
    } catch (CharacterCodingException notUtf8) {
      return false;
    }
  }
}
