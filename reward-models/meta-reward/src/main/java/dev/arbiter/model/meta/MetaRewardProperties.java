package dev.arbiter.model.meta;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the meta-reward service ({@code arbiter.meta-reward.*}). Defaults live here, not
 * in {@code application.yml}, so they hold in the one-process suite too.
 *
 * @param judge the generative judge; without a base URL the {@code rubric} scorer is not ready
 * @param metaModel the meta-reward model; blank fields fall back to the judge's
 * @param database where rubric versions are kept
 * @param refinement when and how the rubric is refined
 * @param detectors reward-hacking detectors
 * @param normalize default of the {@code normalize} option: reward = points / max points
 * @param tasks rubrics to seed as version 1 of tasks the store does not know yet
 */
@ConfigurationProperties("arbiter.meta-reward")
@Validated
public record MetaRewardProperties(
    @Valid @DefaultValue Backend judge,
    @Valid @DefaultValue Backend metaModel,
    @Valid @DefaultValue Database database,
    @Valid @DefaultValue Refinement refinement,
    @Valid @DefaultValue Detectors detectors,
    @DefaultValue("false") boolean normalize,
    Map<String, TaskSpec> tasks) {

  public MetaRewardProperties {
    tasks = tasks == null ? Map.of() : tasks;
  }

  /**
   * An OpenAI-compatible backend.
   *
   * @param baseUrl e.g. {@code http://localhost:8000/v1}; blank means none
   * @param model the served model name
   * @param apiKey optional bearer key
   * @param temperature sampling temperature
   * @param maxTokens completion bound
   * @param timeout per attempt
   * @param maxAttempts attempts per call (retries on connection errors, 5xx, 429)
   */
  public record Backend(
      @DefaultValue("") String baseUrl,
      @DefaultValue("") String model,
      @DefaultValue("") String apiKey,
      @DefaultValue("0.0") double temperature,
      @DefaultValue("1024") @Min(1) int maxTokens,
      @DefaultValue("60s") Duration timeout,
      @DefaultValue("3") @Min(1) int maxAttempts) {

    public boolean configured() {
      return baseUrl != null && !baseUrl.isBlank();
    }
  }

  /**
   * The rubric database.
   *
   * @param h2File the embedded H2 file (without {@code .mv.db}) used when {@code r2dbcUrl} is blank
   * @param r2dbcUrl e.g. {@code r2dbc:postgresql://postgres:5432/arbiter}; blank for embedded H2
   * @param jdbcUrl the same database for Flyway, e.g. {@code
   *     jdbc:postgresql://postgres:5432/arbiter}
   * @param username database user
   * @param password database password
   * @param schema schema to migrate and use; blank for the default
   * @param poolSize most open connections
   * @param timeout bound on one database call
   * @param cacheTtl how long a task's current rubric is served from memory before re-reading it
   */
  public record Database(
      @DefaultValue("./data/meta-reward/rubrics") String h2File,
      @DefaultValue("") String r2dbcUrl,
      @DefaultValue("") String jdbcUrl,
      @DefaultValue("") String username,
      @DefaultValue("") String password,
      @DefaultValue("") String schema,
      @DefaultValue("8") @Min(1) int poolSize,
      @DefaultValue("10s") Duration timeout,
      @DefaultValue("5s") Duration cacheTtl) {

    public boolean embedded() {
      return r2dbcUrl == null || r2dbcUrl.isBlank();
    }

    public String effectiveR2dbcUrl() {
      return embedded() ? "r2dbc:h2:file:///" + absoluteH2() : r2dbcUrl;
    }

    public String effectiveJdbcUrl() {
      return embedded() ? "jdbc:h2:file:" + absoluteH2() : jdbcUrl;
    }

    public String effectiveUsername() {
      return embedded() && username.isBlank() ? "sa" : username;
    }

    private String absoluteH2() {
      return Path.of(h2File).toAbsolutePath().normalize().toString();
    }
  }

  /**
   * The meta-reward loop.
   *
   * @param every refine after this many items judged under the current rubric of a task; 0 = off
   * @param sampleSize samples shown to the meta-model
   * @param prescreen show the highest-scored samples of a larger recent pool
   * @param prescreenPool that pool's size
   * @param onAlarm refine when a detector raises an alarm
   * @param maxItems most items a published rubric may have
   * @param maxCriterionChars longest criterion
   * @param maxPoints most points of one item
   * @param maxExamples most examples per item
   * @param maxExampleChars longest example
   * @param promptChars how much of a sample's prompt the meta-model sees
   * @param responseChars how much of a sample's response the meta-model sees
   */
  public record Refinement(
      @DefaultValue("500") @Min(0) int every,
      @DefaultValue("20") @Min(1) int sampleSize,
      @DefaultValue("false") boolean prescreen,
      @DefaultValue("80") @Min(1) int prescreenPool,
      @DefaultValue("false") boolean onAlarm,
      @DefaultValue("20") @Min(1) int maxItems,
      @DefaultValue("400") @Min(1) int maxCriterionChars,
      @DefaultValue("100") @Min(1) int maxPoints,
      @DefaultValue("5") @Min(0) int maxExamples,
      @DefaultValue("400") @Min(1) int maxExampleChars,
      @DefaultValue("1000") @Min(1) int promptChars,
      @DefaultValue("2000") @Min(1) int responseChars) {}

  /**
   * Reward-hacking detectors.
   *
   * @param window recent items kept per task
   * @param minWindow items needed before an alarm can be raised
   * @param every evaluate after every this many items
   * @param formatMinWords responses with fewer words count as answer-only
   * @param thresholds alarm thresholds by detector name ({@code length_correlation}, {@code
   *     score_saturation}, {@code ngram_repetition}, {@code rubric_echo}, {@code format_exploit})
   */
  public record Detectors(
      @DefaultValue("100") @Min(2) int window,
      @DefaultValue("30") @Min(2) int minWindow,
      @DefaultValue("10") @Min(1) int every,
      @DefaultValue("8") @Min(1) int formatMinWords,
      Map<String, Double> thresholds) {

    public Detectors {
      thresholds = thresholds == null ? Map.of() : thresholds;
    }
  }

  /**
   * A task's seed rubric.
   *
   * @param description what the task asks of the policy
   * @param items the criteria
   */
  public record TaskSpec(String description, List<ItemSpec> items) {}

  /**
   * A seed rubric item.
   *
   * @param criterion what the judge checks
   * @param maxPoints its most points
   * @param examples illustrations
   */
  public record ItemSpec(String criterion, int maxPoints, List<String> examples) {}
}
