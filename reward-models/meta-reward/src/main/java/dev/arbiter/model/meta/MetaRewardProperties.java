package dev.arbiter.model.meta;

import dev.arbiter.model.meta.rubric.RubricLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the {@code rubric} service ({@code arbiter.rubric.*}; {@code
 * arbiter.meta-reward.*} until this release). Unset fields take their defaults in the compact
 * constructors, so they hold wherever the module runs and for a record built in a test.
 *
 * @param judge the generative judge; without a base URL the {@code rubric} scorer is not ready
 * @param metaModel the meta-reward model; blank fields fall back to the judge's
 * @param database where rubric versions are kept
 * @param refinement when and how the rubric is refined
 * @param detectors reward-hacking detectors
 * @param normalize default of the {@code normalize} option: reward = points / max points
 * @param tasks rubrics to seed as version 1 of tasks the store does not know yet
 */
@ConfigurationProperties("arbiter.rubric")
@Validated
public record MetaRewardProperties(
    @Valid Backend judge,
    @Valid Backend metaModel,
    @Valid Database database,
    @Valid Refinement refinement,
    @Valid Detectors detectors,
    Boolean normalize,
    Map<String, TaskSpec> tasks) {

  public MetaRewardProperties {
    judge = judge == null ? new Backend(null, null, null, null, null, null, null) : judge;
    metaModel =
        metaModel == null ? new Backend(null, null, null, null, null, null, null) : metaModel;
    database =
        database == null
            ? new Database(null, null, null, null, null, null, null, null, null)
            : database;
    refinement =
        refinement == null
            ? new Refinement(null, null, null, null, null, null, null, null, null, null, null, null)
            : refinement;
    detectors = detectors == null ? new Detectors(null, null, null, null, null) : detectors;
    normalize = normalize != null && normalize;
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
      String baseUrl,
      String model,
      String apiKey,
      Double temperature,
      @Min(1) Integer maxTokens,
      Duration timeout,
      @Min(1) Integer maxAttempts) {

    public Backend {
      baseUrl = baseUrl == null ? "" : baseUrl;
      model = model == null ? "" : model;
      apiKey = apiKey == null ? "" : apiKey;
      temperature = temperature == null ? 0.0 : temperature;
      maxTokens = maxTokens == null ? 1024 : maxTokens;
      timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
      maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    }

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
      String h2File,
      String r2dbcUrl,
      String jdbcUrl,
      String username,
      String password,
      String schema,
      @Min(1) Integer poolSize,
      Duration timeout,
      Duration cacheTtl) {

    public Database {
      h2File = h2File == null ? "./data/meta-reward/rubrics" : h2File;
      r2dbcUrl = r2dbcUrl == null ? "" : r2dbcUrl;
      jdbcUrl = jdbcUrl == null ? "" : jdbcUrl;
      username = username == null ? "" : username;
      password = password == null ? "" : password;
      schema = schema == null ? "" : schema;
      poolSize = poolSize == null ? 8 : poolSize;
      timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
      cacheTtl = cacheTtl == null ? Duration.ofSeconds(5) : cacheTtl;
    }

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
      @Min(0) Integer every,
      @Min(1) Integer sampleSize,
      Boolean prescreen,
      @Min(1) Integer prescreenPool,
      Boolean onAlarm,
      @Min(1) Integer maxItems,
      @Min(1) Integer maxCriterionChars,
      @Min(1) Integer maxPoints,
      @Min(0) Integer maxExamples,
      @Min(1) Integer maxExampleChars,
      @Min(1) Integer promptChars,
      @Min(1) Integer responseChars) {

    public Refinement {
      every = every == null ? 500 : every;
      sampleSize = sampleSize == null ? 20 : sampleSize;
      prescreen = prescreen != null && prescreen;
      prescreenPool = prescreenPool == null ? 80 : prescreenPool;
      onAlarm = onAlarm != null && onAlarm;
      maxItems = maxItems == null ? 20 : maxItems;
      maxCriterionChars = maxCriterionChars == null ? 400 : maxCriterionChars;
      maxPoints = maxPoints == null ? 100 : maxPoints;
      maxExamples = maxExamples == null ? 5 : maxExamples;
      maxExampleChars = maxExampleChars == null ? 400 : maxExampleChars;
      promptChars = promptChars == null ? 1000 : promptChars;
      responseChars = responseChars == null ? 2000 : responseChars;
    }

    /** The bounds a refined (or API-published) rubric must keep. */
    public RubricLimits limits() {
      return new RubricLimits(maxItems, maxCriterionChars, maxPoints, maxExamples, maxExampleChars);
    }
  }

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
      @Min(2) Integer window,
      @Min(2) Integer minWindow,
      @Min(1) Integer every,
      @Min(1) Integer formatMinWords,
      Map<String, Double> thresholds) {

    public Detectors {
      window = window == null ? 100 : window;
      minWindow = minWindow == null ? 30 : minWindow;
      every = every == null ? 10 : every;
      formatMinWords = formatMinWords == null ? 8 : formatMinWords;
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
