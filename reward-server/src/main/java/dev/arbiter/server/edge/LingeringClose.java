package dev.arbiter.server.edge;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import reactor.netty.NettyPipeline;

/**
 * Closes a connection whose request body is still arriving after its answer was written (a 413
 * before the body was read, a framing error) the way RFC 9112 section 9.6 asks: the answer is
 * followed by a FIN, and the rest of the body is read and dropped ({@link BodyDrain}) until the
 * client closes, or up to a bound, before the connection is closed. Closing with unread input makes
 * the kernel reset the connection instead, and a client still writing its body then fails that
 * write and drops the answer it has not read yet ("Connection prematurely closed BEFORE response").
 * Sits after Reactor Netty's HTTP codec; runs on the channel's event loop.
 */
final class LingeringClose extends ChannelDuplexHandler {

  static final String DRAIN = "arbiter.bodyDrain";

  private final long maxDrainBytes;
  private final Duration maxDrainTime;
  private boolean requestUnread;
  private boolean answered;
  private boolean lingering;

  /**
   * @param maxDrainBytes most bytes read and dropped before the connection is closed anyway
   * @param maxDrainTime longest time spent draining before the connection is closed anyway
   */
  LingeringClose(long maxDrainBytes, Duration maxDrainTime) {
    this.maxDrainBytes = maxDrainBytes;
    this.maxDrainTime = maxDrainTime;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest request) {
      answered = false;
      // after a framing error the decoder cannot tell where the body ends: treat it as unread
      requestUnread = request.decoderResult().isFailure() || !(msg instanceof LastHttpContent);
    } else if (msg instanceof LastHttpContent) {
      requestUnread = false;
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof LastHttpContent) {
      answered = true;
    }
    super.write(ctx, msg, promise);
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
    if (lingering) {
      // the drain closes the connection when it is done; this close completes with it
      ctx.channel().closeFuture().addListener(f -> promise.trySuccess());
      return;
    }
    if (!requestUnread
        || !answered
        || !ctx.channel().isActive()
        || !(ctx.channel() instanceof DuplexChannel)
        || ctx.pipeline().get(NettyPipeline.HttpCodec) == null) {
      super.close(ctx, promise);
      return;
    }
    lingering = true;
    ctx.channel().closeFuture().addListener(f -> promise.trySuccess());
    ctx.pipeline()
        .addBefore(NettyPipeline.HttpCodec, DRAIN, new BodyDrain(maxDrainBytes, maxDrainTime));
  }
}
