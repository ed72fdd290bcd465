package dev.arbiter.model.principle;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The principle-rm service alone: {@code java -jar
 * reward-models/principle-rm/target/principle-rm.jar}.
 */
@SpringBootApplication
public class PrincipleRmApplication {

  public static void main(String[] args) {
    SpringApplication.run(PrincipleRmApplication.class, args);
  }
}
