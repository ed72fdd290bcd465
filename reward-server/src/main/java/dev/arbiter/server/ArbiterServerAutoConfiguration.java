package dev.arbiter.server;

import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.json.ArbiterJson;
import dev.arbiter.server.edge.HttpEdgeCustomizer;
import dev.arbiter.server.scoring.LocalScoreHandler;
import dev.arbiter.server.scoring.ScoreHandler;
import dev.arbiter.server.scoring.ScorerPools;
import dev.arbiter.server.scoring.ScorerRegistry;
import dev.arbiter.server.scoring.ScoringEngine;
import dev.arbiter.server.scoring.ScoringMetrics;
import dev.arbiter.server.web.BodyLimitFilter;
import dev.arbiter.server.web.ProblemAdvice;
import dev.arbiter.server.web.ScoreEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.smile.JacksonSmileDecoder;
import org.springframework.http.codec.smile.JacksonSmileEncoder;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * The shared edge of every Arbiter service: scorer beans become {@code /v1/score}, with limits,
 * problems, metrics and the contract's JSON. Services add only their {@link Scorer} beans.
 */
@AutoConfiguration
@EnableConfigurationProperties(ScoringProperties.class)
@SuppressWarnings({"rawtypes", "unchecked"})
public class ArbiterServerAutoConfiguration {

  @Bean
  JsonMapperBuilderCustomizer arbiterContractJson() {
    return builder ->
        builder
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(ArbiterJson.module());
  }

  /** The OpenAPI document names members as the wire does (snake_case). */
  @Bean
  ModelResolver arbiterOpenApiModelResolver() {
    return new ModelResolver(
        Json.mapper()
            .copy()
            .setPropertyNamingStrategy(
                com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE));
  }

  /** Statuses appear in the OpenAPI document by their wire names ({@code scorer_unavailable}). */
  @Bean
  OpenApiCustomizer arbiterStatusWireNames() {
    List<String> enumNames = Arrays.stream(ScoreStatus.values()).map(Enum::name).toList();
    List<String> wireNames = Arrays.stream(ScoreStatus.values()).map(ScoreStatus::wire).toList();
    return openApi -> {
      if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
        return;
      }
      openApi
          .getComponents()
          .getSchemas()
          .values()
          .forEach(
              schema -> {
                Map<String, Schema> props = schema.getProperties();
                if (props == null) {
                  return;
                }
                props.values().stream()
                    .filter(p -> enumNames.equals(p.getEnum()))
                    .forEach(p -> p.setEnum(new ArrayList<>(wireNames)));
              });
    };
  }

  /**
   * The body limit on every codec, and the contract in Smile for callers that ask for it (the
   * gateway).
   */
  @Bean
  CodecCustomizer arbiterCodecs(ScoringProperties properties) {
    int limit = (int) Math.min(Integer.MAX_VALUE, properties.maxBodySize().toBytes());
    SmileMapper smile = ArbiterJson.smileMapper();
    JacksonSmileDecoder smileDecoder = new JacksonSmileDecoder(smile);
    smileDecoder.setMaxInMemorySize(limit);
    return configurer -> {
      configurer.defaultCodecs().maxInMemorySize(limit);
      configurer.defaultCodecs().jacksonSmileDecoder(smileDecoder);
      configurer.defaultCodecs().jacksonSmileEncoder(new JacksonSmileEncoder(smile));
    };
  }

  @Bean
  HttpEdgeCustomizer arbiterHttpEdge(ScoringProperties properties) {
    return new HttpEdgeCustomizer(properties.requestReadTimeout());
  }

  @Bean
  BodyLimitFilter arbiterBodyLimitFilter(ScoringProperties properties) {
    return new BodyLimitFilter(properties.maxBodySize().toBytes());
  }

  @Bean
  ScorerRegistry scorerRegistry(ObjectProvider<Scorer> scorers) {
    return new ScorerRegistry(scorers.orderedStream().toList());
  }

  @Bean
  ScoringMetrics scoringMetrics(MeterRegistry meterRegistry) {
    return new ScoringMetrics(meterRegistry);
  }

  @Bean(destroyMethod = "close")
  ScorerPools scorerPools(ScoringProperties properties) {
    return new ScorerPools(properties.effectiveWorkers(), properties.queueCapacity());
  }

  @Bean
  ScoringEngine scoringEngine(
      ScorerRegistry registry,
      ScorerPools pools,
      ScoringMetrics metrics,
      ScoringProperties properties) {
    return new ScoringEngine(
        registry, pools, metrics, properties.maxChunk(), properties.timeLimitGrace());
  }

  @Bean
  @ConditionalOnMissingBean(ScoreHandler.class)
  ScoreHandler localScoreHandler(ScoringEngine engine, ScoringProperties properties) {
    return new LocalScoreHandler(engine, properties.maxItems(), properties.groupEps());
  }

  @Bean
  ScoreEndpoint scoreEndpoint(ScoreHandler handler) {
    return new ScoreEndpoint(handler);
  }

  @Bean
  ProblemAdvice problemAdvice() {
    return new ProblemAdvice();
  }
}
