package dev.arbiter.gateway.support;

import dev.arbiter.gateway.GatewayApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts real apps on random ports for HTTP tests. */
public final class Apps {

  private Apps() {}

  /** A scorer service hosting the vision scorers and {@link ScriptedScorers}. */
  public static ConfigurableApplicationContext scorerService(int port, String... properties) {
    List<String> props = new ArrayList<>(List.of(properties));
    props.add("server.port=" + port);
    props.add("spring.application.name=scorer-service");
    return new SpringApplicationBuilder(
            dev.arbiter.verifier.vision.VisionIouApplication.class, ScriptedScorers.class)
        .run(props.stream().map(p -> "--" + p).toArray(String[]::new));
  }

  /** The gateway with the given properties (as command-line arguments, above application.yml). */
  public static ConfigurableApplicationContext gateway(String... properties) {
    List<String> props = new ArrayList<>(List.of(properties));
    props.add("server.port=0");
    return new SpringApplicationBuilder(GatewayApplication.class)
        .run(props.stream().map(p -> "--" + p).toArray(String[]::new));
  }

  public static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  /** A port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
