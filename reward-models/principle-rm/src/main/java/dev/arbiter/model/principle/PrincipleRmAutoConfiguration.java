package dev.arbiter.model.principle;

import dev.arbiter.model.judge.OpenAiJudgeClient;
import dev.arbiter.model.principle.embed.MiniLmContrastModel;
import dev.arbiter.model.principle.judge.JudgeRewardModel;
import dev.arbiter.model.principle.onnx.OnnxRewardModel;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@code principle} scorer wherever this module is on the classpath: in its own
 * service and in the one-process suite. The backend is an LLM judge when {@code
 * arbiter.principle.judge.url} is set, the ONNX model in {@code arbiter.principle.model-dir} when
 * that is set, else the embedded zero-shot MiniLM scorer ({@code arbiter.principle.backend} forces
 * one).
 */
@AutoConfiguration
@EnableConfigurationProperties(PrincipleProperties.class)
public class PrincipleRmAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(RewardBackend.class)
  RewardBackend principleRewardBackend(PrincipleProperties properties) {
    String backend = properties.effectiveBackend();
    if (backend.equals("judge")) {
      var client = properties.judge().clientSettings();
      return new JudgeRewardModel(
          new OpenAiJudgeClient(client), client.model(), properties.judge().settings());
    }
    if (backend.equals("onnx")) {
      if (properties.modelDir() == null) {
        throw new IllegalStateException("backend 'onnx' needs arbiter.principle.model-dir");
      }
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

  /**
   * {@code arbiter.principle.batches} and {@code arbiter.principle.batch.inputs} (their ratio is
   * the mean batch size) and {@code arbiter.principle.batch.queue} (inputs waiting).
   */
  @Bean
  MeterBinder principleBatchMetrics(RewardBackend principleRewardBackend) {
    return registry ->
        principleRewardBackend
            .batching()
            .ifPresent(
                b -> {
                  FunctionCounter.builder("arbiter.principle.batches", b, x -> x.batches())
                      .description("Model batches run by the principle scorer")
                      .register(registry);
                  FunctionCounter.builder("arbiter.principle.batch.inputs", b, x -> x.items())
                      .description("Model inputs run in those batches")
                      .register(registry);
                  Gauge.builder("arbiter.principle.batch.queue", b, x -> x.queued())
                      .description("Model inputs waiting for a batch")
                      .register(registry);
                });
  }

  @Bean
  ModelWarmup principleModelWarmup(
      RewardBackend principleRewardBackend, ApplicationEventPublisher publisher) {
    return new ModelWarmup(principleRewardBackend, publisher);
  }
}
