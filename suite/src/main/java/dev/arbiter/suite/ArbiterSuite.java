package dev.arbiter.suite;

import dev.arbiter.gateway.GatewayConfiguration;
import dev.arbiter.gateway.routing.RoutingTable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.util.ClassUtils;

/**
 * The whole suite in one process: the gateway with every scorer module on the classpath served
 * in-process. {@code java -jar suite/target/arbiter-suite.jar}.
 */
@SpringBootApplication
@Import(GatewayConfiguration.class)
public class ArbiterSuite {

  public static void main(String[] args) {
    SpringApplication.run(ArbiterSuite.class, args);
  }

  @Bean
  ApplicationListener<ApplicationReadyEvent> announceUrl(RoutingTable routing) {
    return event -> {
      String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
      System.out.printf(
          "%nArbiter suite ready at http://localhost:%s  (scorers: %s)%n"
              + "  try: curl -s localhost:%s/v1/scorers%n"
              + "%s%n",
          port, routing.scorers(), port, demoHint(port));
    };
  }

  /**
   * The one-line GRPO demo against this suite (the policy-trainer jar sits beside the suite's in a
   * build of the repository), or nothing when the trainer is not on the classpath.
   */
  static String demoHint(String port) {
    if (!ClassUtils.isPresent("dev.arbiter.trainer.cli.DemoCommand", null)) {
      return "";
    }
    return "  train a policy against it (GRPO demo, about 5 min on 2 CPU cores;"
        + " ends with a before/after table):\n"
        + "    java -jar policy-trainer/target/policy-trainer.jar demo --gateway-url=http://localhost:"
        + port
        + "\n";
  }
}
