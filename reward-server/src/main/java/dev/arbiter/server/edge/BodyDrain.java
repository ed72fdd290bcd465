package dev.arbiter.server.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The lingering half of {@link LingeringClose}: added in front of the HTTP codec once the answer is
 * written, it shuts the connection's output (the client reads the answer, then the end), reads and
 * releases every byte the client still sends, and closes the connection when the client closes its
 * side, after {@code maxBytes}, or after {@code maxTime}, whichever comes first.
 */
final class BodyDrain extends ChannelInboundHandlerAdapter {

  private final long maxBytes;
  private final Duration maxTime;
  private long drained;
  private ScheduledFuture<?> deadline;

  BodyDrain(long maxBytes, Duration maxTime) {
    this.maxBytes = maxBytes;
    this.maxTime = maxTime;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    deadline = ctx.executor().schedule(() -> ctx.close(), maxTime.toNanos(), TimeUnit.NANOSECONDS);
    // an empty write completes once everything written before it is flushed: only then shut the
    // output, which would fail writes still pending
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER)
        .addListener(
            written -> {
              if (!written.isSuccess()) {
                ctx.close();
                return;
              }
              ((DuplexChannel) ctx.channel())
                  .shutdownOutput()
                  .addListener(
                      shut -> {
                        if (!shut.isSuccess()) {
                          ctx.close();
                        }
                      });
            });
    ctx.channel().config().setAutoRead(true);
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf bytes) {
      drained += bytes.readableBytes();
    }
    ReferenceCountUtil.release(msg);
    if (drained > maxBytes) {
      ctx.close();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // nothing reaches the codec any more; auto-read keeps the drain going
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      ctx.close();
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // a reset or a failed read while draining: the answer is out, nothing is left to do
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancelDeadline();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancelDeadline();
  }

  private void cancelDeadline() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
