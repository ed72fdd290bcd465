package dev.arbiter.verifier.rules;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The rules service alone: {@code java -jar verifiers/rules/target/rules-verifier.jar}. */
@SpringBootApplication
public class RulesVerifierApplication {

  public static void main(String[] args) {
    SpringApplication.run(RulesVerifierApplication.class, args);
  }
}
