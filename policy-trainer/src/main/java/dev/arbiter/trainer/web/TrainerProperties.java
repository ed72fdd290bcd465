package dev.arbiter.trainer.web;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Defaults the REST API applies to a run request that does not name them.
 *
 * @param gatewayUrl the gateway runs score against ({@code ARBITER_TRAINER_GATEWAY_URL}); in the
 *     one-process suite, the suite itself
 * @param outputDir where run directories are created ({@code ARBITER_TRAINER_OUTPUT_DIR})
 */
@Validated
@ConfigurationProperties("arbiter.trainer")
public record TrainerProperties(@NotBlank String gatewayUrl, @NotBlank String outputDir) {

  public TrainerProperties {
    gatewayUrl = gatewayUrl == null ? "http://localhost:8080" : gatewayUrl;
    outputDir = outputDir == null ? "runs" : outputDir;
  }
}
