package dev.arbiter.server.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The OpenAPI document of every Arbiter service, corrected to match the wire. */
@AutoConfiguration
public class ArbiterOpenApiAutoConfiguration {

  @Bean
  OpenApiCustomizer arbiterContractOpenApi() {
    return new ContractOpenApiCustomizer();
  }
}
