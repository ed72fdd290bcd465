package dev.arbiter.trainer.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the run manager behind the REST API. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrainerProperties.class)
class TrainerWebConfiguration {

  @Bean(destroyMethod = "close")
  RunManager runManager() {
    return new RunManager();
  }
}
