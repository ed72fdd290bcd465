package dev.arbiter.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The reward gateway alone: {@code java -jar reward-gateway/target/reward-gateway.jar}. With scorer
 * modules on the classpath (the {@code suite} module) they are served in-process.
 */
@SpringBootApplication(
    scanBasePackageClasses = GatewayApplication.class,
    scanBasePackages = {})
@Import(GatewayConfiguration.class)
public class GatewayApplication {

  public static void main(String[] args) {
    SpringApplication.run(GatewayApplication.class, args);
  }
}
