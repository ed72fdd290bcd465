package dev.arbiter.trainer.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The run API wherever this module is on the classpath: in the trainer app (where scanning already
 * found the controller) and in the one-process suite (which scans only its own package).
 */
@AutoConfiguration
@EnableConfigurationProperties(TrainerProperties.class)
public class TrainerAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  RunManager runManager() {
    return new RunManager();
  }

  @Bean
  @ConditionalOnMissingBean
  RunController runController(RunManager runs, TrainerProperties properties) {
    return new RunController(runs, properties);
  }
}
