package dev.arbiter.server.edge;

import io.netty.channel.ChannelPipeline;
import java.time.Duration;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Adds {@link LingeringClose}, {@link DecoderFailureProblems} and {@link RequestHeaderDeadline}
 * after Reactor Netty's HTTP codec on every connection, and bounds the time a request's body may
 * take to arrive.
 */
public final class HttpEdgeCustomizer implements NettyServerCustomizer {

  static final String LINGER = "arbiter.lingeringClose";
  static final String FAILURES = "arbiter.decoderFailures";
  static final String DEADLINE = "arbiter.requestHeaderDeadline";

  /**
   * Most bytes of an unread body dropped after an early answer before the connection is closed
   * anyway (Tomcat swallows up to 2 MB): enough for a client that overshot the limit to finish its
   * write and read the answer, not enough to let one feed the server indefinitely.
   */
  static final long MAX_DRAIN_BYTES = 4L << 20;

  private final Duration readTimeout;

  /**
   * @param readTimeout how long a request's line and headers, and separately its body, may take;
   *     also the longest a connection lingers to drop an unread body after an early answer
   */
  public HttpEdgeCustomizer(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  @Override
  public HttpServer apply(HttpServer server) {
    return server
        .requestTimeout(readTimeout)
        .doOnChannelInit(
            (observer, channel, address) -> {
              ChannelPipeline pipeline = channel.pipeline();
              if (pipeline.get(NettyPipeline.HttpCodec) == null) {
                return;
              }
              pipeline.addAfter(
                  NettyPipeline.HttpCodec,
                  LINGER,
                  new LingeringClose(MAX_DRAIN_BYTES, readTimeout));
              pipeline.addAfter(LINGER, FAILURES, new DecoderFailureProblems());
              pipeline.addAfter(FAILURES, DEADLINE, new RequestHeaderDeadline(readTimeout));
            });
  }
}
