package dev.arbiter.verifier.vision;

import dev.arbiter.verifier.vision.classification.ClassificationScorer;
import dev.arbiter.verifier.vision.detection.DetectionScorer;
import dev.arbiter.verifier.vision.grounding.GroundingScorer;
import dev.arbiter.verifier.vision.gui.GuiActionScorer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the vision scorers wherever this module is on the classpath: in its own service and in
 * the one-process suite.
 */
@AutoConfiguration
@EnableConfigurationProperties(VisionProperties.class)
public class VisionScorersAutoConfiguration {

  @Bean
  DetectionScorer detectionScorer(VisionProperties props) {
    return new DetectionScorer(props.maxBoxes(), props.maxAnswerChars());
  }

  @Bean
  GroundingScorer groundingScorer(VisionProperties props) {
    return new GroundingScorer(props.maxAnswerChars());
  }

  @Bean
  ClassificationScorer classificationScorer(VisionProperties props) {
    return new ClassificationScorer(props.maxAnswerChars());
  }

  @Bean
  GuiActionScorer guiActionScorer(VisionProperties props) {
    return new GuiActionScorer(props.maxAnswerChars());
  }
}
