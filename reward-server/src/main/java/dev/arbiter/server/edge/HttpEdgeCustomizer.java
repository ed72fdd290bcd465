package dev.arbiter.server.edge;

import io.netty.channel.ChannelPipeline;
import java.time.Duration;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Adds {@link DecoderFailureProblems} and {@link RequestHeaderDeadline} after Reactor Netty's HTTP
 * codec on every connection, and bounds the time a request's body may take to arrive.
 */
public final class HttpEdgeCustomizer implements NettyServerCustomizer {

  static final String FAILURES = "arbiter.decoderFailures";
  static final String DEADLINE = "arbiter.requestHeaderDeadline";

  private final Duration readTimeout;

  /**
   * @param readTimeout how long a request's line and headers, and separately its body, may take
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
              pipeline.addAfter(NettyPipeline.HttpCodec, FAILURES, new DecoderFailureProblems());
              pipeline.addAfter(FAILURES, DEADLINE, new RequestHeaderDeadline(readTimeout));
            });
  }
}
