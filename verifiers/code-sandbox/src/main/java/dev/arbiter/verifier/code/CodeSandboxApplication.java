package dev.arbiter.verifier.code;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The code sandbox alone: {@code java -jar verifiers/code-sandbox/target/code-sandbox.jar}. */
@SpringBootApplication
public class CodeSandboxApplication {

  public static void main(String[] args) {
    SpringApplication.run(CodeSandboxApplication.class, args);
  }
}
