package dev.arbiter.model.principle;

import dev.arbiter.model.principle.embed.MiniLmContrastModel;
import dev.arbiter.model.principle.onnx.OnnxRewardModel;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@code principle} scorer wherever this module is on the classpath: in its own
 * service and in the one-process suite. The backend is the configured ONNX model directory, or the
 * embedded zero-shot MiniLM scorer when none is configured.
 */
@AutoConfiguration
@EnableConfigurationProperties(PrincipleProperties.class)
public class PrincipleRmAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(RewardBackend.class)
  RewardBackend principleRewardBackend(PrincipleProperties properties) {
    if (properties.modelDir() != null) {
      return OnnxRewardModel.open(
          properties.modelDir(), properties.onnx().settings(), properties.batching().settings());
    }
    return MiniLmContrastModel.open(properties.onnx().settings(), properties.batching().settings());
  }

  @Bean
  PrincipleCatalog principleCatalog(PrincipleProperties properties) {
    return new PrincipleCatalog(
        properties.principleSets(),
        properties.defaultSet(),
        ScoringMode.fromWire(properties.defaultMode()));
  }

  @Bean
  PrincipleScorer principleScorer(RewardBackend principleRewardBackend, PrincipleCatalog catalog) {
    return new PrincipleScorer(principleRewardBackend, catalog);
  }

  @Bean
  ModelWarmup principleModelWarmup(
      RewardBackend principleRewardBackend, ApplicationEventPublisher publisher) {
    return new ModelWarmup(principleRewardBackend, publisher);
  }
}
