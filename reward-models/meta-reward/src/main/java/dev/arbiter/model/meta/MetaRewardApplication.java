package dev.arbiter.model.meta;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The meta-reward service alone: {@code java -jar
 * reward-models/meta-reward/target/meta-reward.jar}.
 */
@SpringBootApplication
public class MetaRewardApplication {

  public static void main(String[] args) {
    SpringApplication.run(MetaRewardApplication.class, args);
  }
}
