package dev.arbiter.model.meta;

import dev.arbiter.model.judge.JudgeClientSettings;
import dev.arbiter.model.judge.OpenAiJudgeClient;
import dev.arbiter.model.meta.detect.DetectorBank;
import dev.arbiter.model.meta.judge.RubricScorer;
import dev.arbiter.model.meta.refine.LoopSettings;
import dev.arbiter.model.meta.refine.MetaRefiner;
import dev.arbiter.model.meta.refine.RefinementLoop;
import dev.arbiter.model.meta.rubric.RubricDraft;
import dev.arbiter.model.meta.rubric.RubricItem;
import dev.arbiter.model.meta.rubric.RubricLimits;
import dev.arbiter.model.meta.store.R2dbcRubricStore;
import dev.arbiter.model.meta.store.RubricCatalog;
import dev.arbiter.model.meta.store.RubricDatabase;
import dev.arbiter.model.meta.web.RubricEndpoint;
import dev.arbiter.server.scoring.WorkerPools;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Registers the {@code rubric} scorer, its rubric store, the refinement loop and the rubric API
 * wherever this module is on the classpath: in its own service and in the one-process suite.
 */
@AutoConfiguration
@EnableConfigurationProperties(MetaRewardProperties.class)
public class MetaRewardAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MetaRewardAutoConfiguration.class);

  static final String NO_JUDGE =
      "no judge configured: set arbiter.rubric.judge.base-url and .model to an"
          + " OpenAI-compatible server (vLLM, SGLang, Ollama, llama.cpp)";

  /** The judge and meta-model clients; either may be null when not configured. */
  public record Backends(OpenAiJudgeClient judge, OpenAiJudgeClient metaModel) {}

  @Bean(destroyMethod = "dispose")
  ConnectionPool metaRewardConnectionPool(MetaRewardProperties properties) {
    MetaRewardProperties.Database db = properties.database();
    RubricDatabase.migrate(
        db.effectiveJdbcUrl(), db.effectiveUsername(), db.password(), db.schema());
    return new ConnectionPool(
        ConnectionPoolConfiguration.builder(
                RubricDatabase.connect(
                    db.effectiveR2dbcUrl(), db.effectiveUsername(), db.password()))
            .initialSize(1)
            .maxSize(db.poolSize())
            .build());
  }

  @Bean
  RubricCatalog metaRewardRubricCatalog(
      MetaRewardProperties properties, ConnectionPool metaRewardConnectionPool) {
    MetaRewardProperties.Database db = properties.database();
    RubricCatalog catalog =
        new RubricCatalog(
            new R2dbcRubricStore(
                DatabaseClient.create(metaRewardConnectionPool), Clock.systemUTC(), db.timeout()),
            Clock.systemUTC(),
            db.cacheTtl());
    properties.tasks().forEach((task, spec) -> seed(catalog, task, spec));
    return catalog;
  }

  private static void seed(RubricCatalog catalog, String task, MetaRewardProperties.TaskSpec spec) {
    List<RubricItem> items =
        spec.items() == null
            ? List.of()
            : spec.items().stream()
                .map(i -> new RubricItem(i.criterion(), i.maxPoints(), i.examples()))
                .toList();
    List<String> problems = RubricLimits.DEFAULT.problems(items);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "arbiter.rubric.tasks." + task + " is not a valid rubric: " + problems);
    }
    catalog.seed(
        new RubricDraft(task, null, spec.description(), items, "config", "seed", null, null));
  }

  @Bean
  Backends metaRewardBackends(MetaRewardProperties properties) {
    MetaRewardProperties.Backend judge = properties.judge();
    if (!judge.configured()) {
      log.warn("rubric scorer is not ready: {}", NO_JUDGE);
      return new Backends(null, null);
    }
    MetaRewardProperties.Backend meta = properties.metaModel();
    MetaRewardProperties.Backend merged =
        new MetaRewardProperties.Backend(
            meta.configured() ? meta.baseUrl() : judge.baseUrl(),
            meta.model().isBlank() ? judge.model() : meta.model(),
            meta.apiKey().isBlank() ? judge.apiKey() : meta.apiKey(),
            meta.temperature(),
            meta.maxTokens(),
            meta.timeout(),
            meta.maxAttempts());
    return new Backends(client(judge), client(merged));
  }

  private static OpenAiJudgeClient client(MetaRewardProperties.Backend b) {
    return new OpenAiJudgeClient(
        JudgeClientSettings.of(b.baseUrl(), b.model())
            .withApiKey(b.apiKey())
            .withSampling(b.temperature(), b.maxTokens())
            .withTimeout(b.timeout())
            .withRetry(
                b.maxAttempts(),
                JudgeClientSettings.DEFAULT_RETRY_BACKOFF,
                JudgeClientSettings.DEFAULT_RETRY_ON_TIMEOUT));
  }

  @Bean
  DetectorBank metaRewardDetectors(MetaRewardProperties properties, MeterRegistry meters) {
    MetaRewardProperties.Detectors d = properties.detectors();
    return new DetectorBank(
        DetectorBank.defaults(d.thresholds(), d.formatMinWords()), d.minWindow(), meters);
  }

  /** One refinement at a time; the loop queues at most one per task. */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService metaRewardRefinementExecutor() {
    return WorkerPools.queued("rubric-refiner", 1);
  }

  @Bean
  RefinementLoop metaRewardRefinementLoop(
      MetaRewardProperties properties,
      RubricCatalog metaRewardRubricCatalog,
      Backends metaRewardBackends,
      DetectorBank metaRewardDetectors,
      ExecutorService metaRewardRefinementExecutor,
      MeterRegistry meters) {
    MetaRewardProperties.Refinement r = properties.refinement();
    OpenAiJudgeClient meta = metaRewardBackends.metaModel();
    MetaRefiner refiner =
        meta == null
            ? null
            : new MetaRefiner(
                meta,
                "meta-model:" + meta.settings().model(),
                r.limits(),
                r.promptChars(),
                r.responseChars());
    MetaRewardProperties.Detectors d = properties.detectors();
    return new RefinementLoop(
        metaRewardRubricCatalog,
        refiner,
        metaRewardDetectors,
        new LoopSettings(
            r.every(),
            r.sampleSize(),
            r.prescreen(),
            r.prescreenPool(),
            r.onAlarm(),
            d.window(),
            d.every()),
        metaRewardRefinementExecutor,
        meters);
  }

  @Bean
  RubricScorer rubricScorer(
      MetaRewardProperties properties,
      RubricCatalog metaRewardRubricCatalog,
      Backends metaRewardBackends,
      RefinementLoop metaRewardRefinementLoop) {
    return new RubricScorer(
        metaRewardRubricCatalog,
        metaRewardBackends.judge(),
        metaRewardRefinementLoop,
        properties.normalize(),
        NO_JUDGE);
  }

  @Bean
  RubricEndpoint rubricEndpoint(
      MetaRewardProperties properties,
      RubricCatalog metaRewardRubricCatalog,
      RefinementLoop metaRewardRefinementLoop,
      RubricScorer rubricScorer) {
    return new RubricEndpoint(
        metaRewardRubricCatalog,
        metaRewardRefinementLoop,
        rubricScorer,
        properties.refinement().limits());
  }
}
