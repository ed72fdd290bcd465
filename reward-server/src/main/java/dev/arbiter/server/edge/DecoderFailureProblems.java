package dev.arbiter.server.edge;

import dev.arbiter.api.ProblemType;
import dev.arbiter.server.web.Problems;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits after Netty's HTTP decoder: a request whose framing the decoder refused (an invalid or
 * negative {@code Content-Length}, both {@code Content-Length} and {@code Transfer-Encoding}, an
 * oversized request line or headers) is answered with a problem and the connection closed, where
 * Reactor Netty would answer a bare status. The decoder discards the rest of the connection's input
 * after such a failure, so nothing else can be read from it.
 */
final class DecoderFailureProblems extends ChannelInboundHandlerAdapter {

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest request) || !request.decoderResult().isFailure()) {
      ctx.fireChannelRead(msg);
      return;
    }
    Throwable cause = request.decoderResult().cause();
    ReferenceCountUtil.release(msg);
    RawProblems.respondAndClose(ctx, typeOf(cause), detailOf(cause));
  }

  private static ProblemType typeOf(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return ProblemType.URI_TOO_LONG;
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return ProblemType.HEADERS_TOO_LARGE;
    }
    return ProblemType.MALFORMED_REQUEST;
  }

  private static String detailOf(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return "request line is longer than the server accepts (server.netty.max-initial-line-length)";
    }
    if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
      return "request headers are larger than the server accepts"
          + " (server.max-http-request-header-size)";
    }
    return "request framing is invalid: "
        + Problems.firstLine(cause == null ? null : cause.getMessage(), "unreadable request")
        + "; expected one valid Content-Length or Transfer-Encoding: chunked, not both";
  }
}
