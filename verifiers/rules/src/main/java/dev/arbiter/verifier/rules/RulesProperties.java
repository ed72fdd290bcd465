package dev.arbiter.verifier.rules;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of the rules scorers and the truthfulness scorer's optional judge.
 *
 * @param maxResponseChars longest response a scorer reads; a longer one is a verdict at the
 *     scorer's floor with the reason (the {@code length} scorer only measures and has no bound)
 * @param judge the OpenAI-compatible LLM judge for {@code truthfulness} with {@code judge: true};
 *     off unless {@code base-url} is set
 */
@Validated
@ConfigurationProperties("arbiter.rules")
public record RulesProperties(@Min(1024) Integer maxResponseChars, @Valid Judge judge) {

  public RulesProperties {
    maxResponseChars = maxResponseChars == null ? 1_048_576 : maxResponseChars;
    judge = judge == null ? new Judge(null, null, null, null) : judge;
  }

  /**
   * @param baseUrl the judge server, e.g. {@code http://localhost:8000/v1}; blank: no judge
   * @param model the model name the server expects
   * @param apiKey bearer token, if the server wants one
   * @param timeout bound on one judge call
   */
  public record Judge(String baseUrl, String model, String apiKey, Duration timeout) {
    public Judge {
      model = model == null || model.isBlank() ? "judge" : model;
      timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }

    /** True when a judge is configured. */
    public boolean enabled() {
      return baseUrl != null && !baseUrl.isBlank();
    }
  }
}
