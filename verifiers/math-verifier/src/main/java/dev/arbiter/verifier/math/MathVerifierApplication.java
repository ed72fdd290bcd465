package dev.arbiter.verifier.math;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The math-verifier service alone: {@code java -jar
 * verifiers/math-verifier/target/math-verifier.jar}.
 */
@SpringBootApplication
public class MathVerifierApplication {

  public static void main(String[] args) {
    SpringApplication.run(MathVerifierApplication.class, args);
  }
}
