package dev.arbiter.server.edge;

import dev.arbiter.api.ProblemType;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for a request's line and headers, from when the connection opens or its previous
 * answer was written: a client that trickles its headers (slow loris) or never finishes them gets a
 * 408 problem and the connection closed, instead of holding it open. Reactor Netty's own idle
 * timeout only notices a client that sends nothing at all. Runs on the channel's event loop.
 */
final class RequestHeaderDeadline extends ChannelDuplexHandler {

  private final long nanos;
  private ScheduledFuture<?> deadline;

  RequestHeaderDeadline(Duration timeout) {
    this.nanos = timeout.toNanos();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      arm(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    arm(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      disarm();
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof LastHttpContent) {
      // the answer is complete: the next request on this kept-alive connection has its own deadline
      promise = promise.unvoid();
      promise.addListener(f -> arm(ctx));
    }
    super.write(ctx, msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    disarm();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    disarm();
  }

  private void arm(ChannelHandlerContext ctx) {
    disarm();
    if (!ctx.channel().isActive()) {
      return;
    }
    deadline = ctx.executor().schedule(() -> expire(ctx), nanos, TimeUnit.NANOSECONDS);
  }

  private void expire(ChannelHandlerContext ctx) {
    if (ctx.channel() instanceof DuplexChannel duplex && duplex.isOutputShutdown()) {
      return; // the last answer is out and the connection is lingering to close (LingeringClose)
    }
    RawProblems.respondAndClose(
        ctx,
        ProblemType.REQUEST_TIMEOUT,
        "request line and headers were not received within "
            + TimeUnit.NANOSECONDS.toMillis(nanos)
            + " ms (arbiter.scoring.request-read-timeout)");
  }

  private void disarm() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
