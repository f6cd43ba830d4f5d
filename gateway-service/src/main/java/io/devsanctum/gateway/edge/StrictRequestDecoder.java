package io.devsanctum.gateway.edge;

import io.devsanctum.gateway.middleware.ProblemHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vert.x's HTTP/1.x request decoder, strict where leniency lets a request be smuggled or a client
 * hold the server:
 * <ul>
 *   <li>a request with both {@code Content-Length} and {@code Transfer-Encoding} is refused as
 *       malformed (Netty would drop the length, which a proxy in front may have honoured: the
 *       classic request smuggling); Vert.x answers it through the invalid-request handler and
 *       closes the connection;</li>
 *   <li>an HTTP major version other than 1 is refused ({@link UnsupportedVersionException}); a
 *       higher 1.x minor version is read as 1.1 (RFC 9112 §2.3);</li>
 *   <li>once the first byte of a request has arrived, its whole head (request line and headers)
 *       must arrive within the header timeout, or the connection gets a 408 and is closed
 *       (slowloris). Waiting for a next request is the idle timeout's business.</li>
 * </ul>
 * A connection that stops being HTTP (a WebSocket, a proxied upgrade) removes this decoder; the
 * idle timeout is removed with it, since a terminal or an editor may stay quiet for long.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {

  private static final Logger LOG = LoggerFactory.getLogger(StrictRequestDecoder.class);

  private final Duration headerTimeout;
  /** True until the first byte of the next request arrives. */
  private boolean betweenRequests = true;
  private ScheduledFuture<?> headDeadline;

  StrictRequestDecoder(HttpServerOptions options, Duration headerTimeout) {
    super(options);
    this.headerTimeout = headerTimeout;
  }

  /** The request had Content-Length and Transfer-Encoding both. */
  static final class ConflictingLengthException extends IllegalArgumentException {
    ConflictingLengthException() {
      super("Content-Length and Transfer-Encoding together make the body's length ambiguous");
    }
  }

  /** The request line named an HTTP version this server does not speak. */
  static final class UnsupportedVersionException extends IllegalArgumentException {
    UnsupportedVersionException(String version) {
      super("HTTP version " + version + " is not supported; use HTTP/1.1");
    }
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
    if (betweenRequests && headDeadline == null && buffer.isReadable()) {
      headDeadline = ctx.executor().schedule(() -> headTimedOut(ctx), headerTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    int before = out.size();
    super.decode(ctx, buffer, out);
    for (int i = before; i < out.size(); i++) {
      Object decoded = out.get(i);
      if (decoded instanceof HttpRequest) {
        cancelDeadline();
        betweenRequests = false;
      }
      if (decoded instanceof LastHttpContent) {
        betweenRequests = true;
      }
    }
  }

  @Override
  protected HttpMessage createMessage(String[] initialLine) {
    HttpVersion version = HttpVersion.valueOf(initialLine[2]);
    if (version.majorVersion() != 1) {
      throw new UnsupportedVersionException(initialLine[2]);
    }
    if (version.minorVersion() > 1) {
      initialLine[2] = HttpVersion.HTTP_1_1.text();
    }
    return super.createMessage(initialLine);
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    throw new ConflictingLengthException();
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
    cancelDeadline();
    if (ctx.channel().isActive()) {
      // upgraded: no longer an HTTP connection waiting for requests
      ChannelHandler idle = ctx.pipeline().get(IdleStateHandler.class);
      if (idle != null) {
        ctx.pipeline().remove(idle);
      }
    }
    super.handlerRemoved0(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancelDeadline();
    super.channelInactive(ctx);
  }

  private void cancelDeadline() {
    if (headDeadline != null) {
      headDeadline.cancel(false);
      headDeadline = null;
    }
  }

  /** No request is in progress to answer through Vert.x: the 408 is written as bytes, then the connection closes. */
  private void headTimedOut(ChannelHandlerContext ctx) {
    headDeadline = null;
    if (!betweenRequests || !ctx.channel().isActive()) {
      return;
    }
    String requestId = UUID.randomUUID().toString();
    byte[] body = ProblemHandler.forStatus(408, "the request's headers did not arrive within "
            + headerTimeout.toSeconds() + " s")
        .body(null, requestId).encode().getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 408 Request Timeout\r\n"
        + "Content-Type: application/problem+json\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "X-Request-Id: " + requestId + "\r\n"
        + "Connection: close\r\n\r\n";
    LOG.info("connection from {} closed: a request head took longer than {} s [req={}]",
        ctx.channel().remoteAddress(), headerTimeout.toSeconds(), requestId);
    ctx.writeAndFlush(Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
