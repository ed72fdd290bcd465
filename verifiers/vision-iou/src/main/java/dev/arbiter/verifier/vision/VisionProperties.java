package dev.arbiter.verifier.vision;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of the vision scorers' work on one response.
 *
 * @param maxBoxes most boxes a response or reference may list; more is a floor verdict (response)
 *     or {@code invalid_reference} (reference). Hungarian matching is cubic in this.
 * @param maxAnswerChars most characters of answer text that are parsed; a longer answer is a floor
 *     verdict. The rest of a response is only scanned linearly for tags.
 */
@Validated
@ConfigurationProperties("arbiter.vision")
public record VisionProperties(@Min(1) Integer maxBoxes, @Min(16) Integer maxAnswerChars) {

  public VisionProperties {
    maxBoxes = maxBoxes == null ? 300 : maxBoxes;
    maxAnswerChars = maxAnswerChars == null ? 65_536 : maxAnswerChars;
  }
}
