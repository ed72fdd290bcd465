package dev.arbiter.model.principle;

import dev.arbiter.model.judge.JudgeClientSettings;
import dev.arbiter.model.principle.batch.BatchSettings;
import dev.arbiter.model.principle.judge.JudgeSettings;
import dev.arbiter.model.principle.onnx.SessionSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the {@code principle} scorer.
 *
 * @param backend {@code auto} (judge when {@code judge.url} is set, else the ONNX model when {@code
 *     model-dir} is set, else the embedded demo), {@code onnx}, {@code judge} or {@code embedded}
 * @param modelDir a sequence-classification reward model directory ({@code model.onnx}, {@code
 *     tokenizer.json}, {@code reward-model.json}); unset: the embedded zero-shot MiniLM demo scorer
 * @param defaultMode {@code joint} or {@code per_principle} when an item names no mode
 * @param defaultSet the principle set used when an item names none ({@code hhh} is built in)
 * @param sets named principle sets, added to the built-in {@code hhh} (a set named {@code hhh}
 *     replaces it)
 * @param onnx ONNX Runtime session options
 * @param batching dynamic batching
 * @param judge the LLM-judge backend
 */
@Validated
@ConfigurationProperties("arbiter.principle")
public record PrincipleProperties(
    String backend,
    Path modelDir,
    String defaultMode,
    String defaultSet,
    Map<String, List<PrincipleEntry>> sets,
    @Valid Onnx onnx,
    @Valid Batching batching,
    @Valid Judge judge) {

  public PrincipleProperties {
    defaultMode = defaultMode == null ? "joint" : defaultMode;
    defaultSet = defaultSet == null ? PrincipleCatalog.BUILT_IN : defaultSet;
    sets = sets == null ? Map.of() : sets;
    onnx = onnx == null ? new Onnx(null, null, null, null, null, null) : onnx;
    batching = batching == null ? new Batching(null, null, null, null) : batching;
    judge =
        judge == null
            ? new Judge(null, null, null, null, null, null, null, null, null, null, null)
            : judge;
    backend = backend == null ? "auto" : backend;
  }

  /** The backend in effect: {@code onnx}, {@code judge} or {@code embedded}. */
  public String effectiveBackend() {
    return switch (backend) {
      case "auto" -> judge.url() != null ? "judge" : modelDir != null ? "onnx" : "embedded";
      case "onnx", "judge", "embedded" -> backend;
      default ->
          throw new IllegalArgumentException(
              "arbiter.principle.backend '"
                  + backend
                  + "' is unknown; expected auto, onnx, judge or embedded");
    };
  }

  /**
   * The LLM-judge backend: an OpenAI-compatible chat-completions server (vLLM, SGLang, Ollama,
   * llama.cpp).
   *
   * @param url base URL, e.g. {@code http://localhost:8000/v1}
   * @param model the model name the server expects
   * @param apiKey sent as a Bearer token; unset sends none
   * @param timeout bound on one judge call attempt (default: the judge client's, 30s)
   * @param maxAttempts attempts per call on connection errors, 5xx and 429 (default: the judge
   *     client's, 3)
   * @param systemPrompt the system message (default: a strict, fair judge)
   * @param userTemplate the user message with {principles}, {prompt}, {response}, {scale_max}
   * @param principleTemplate one principle, with {dimension}, {definition}, {negative_definition}
   * @param scaleMax verdict scale 0..scale-max (default 9: one token, read from logprobs)
   * @param topLogprobs alternatives per token to ask for; 0 turns logprobs off (default 20)
   * @param concurrency most judge calls in flight per scoring call (default 64)
   */
  public record Judge(
      String url,
      String model,
      String apiKey,
      Duration timeout,
      @Min(1) Integer maxAttempts,
      String systemPrompt,
      String userTemplate,
      String principleTemplate,
      @Min(1) Integer scaleMax,
      @Min(0) Integer topLogprobs,
      @Min(1) Integer concurrency) {

    public Judge {
      var d = JudgeSettings.defaults();
      timeout = timeout == null ? JudgeClientSettings.DEFAULT_TIMEOUT : timeout;
      maxAttempts = maxAttempts == null ? JudgeClientSettings.DEFAULT_MAX_ATTEMPTS : maxAttempts;
      scaleMax = scaleMax == null ? d.scaleMax() : scaleMax;
      topLogprobs = topLogprobs == null ? d.topLogprobs() : topLogprobs;
      concurrency = concurrency == null ? d.concurrency() : concurrency;
    }

    public JudgeClientSettings clientSettings() {
      if (url == null || model == null) {
        throw new IllegalStateException(
            "the judge backend needs arbiter.principle.judge.url and arbiter.principle.judge.model");
      }
      return JudgeClientSettings.of(url, model)
          .withApiKey(apiKey)
          .withTimeout(timeout)
          .withRetry(
              maxAttempts,
              JudgeClientSettings.DEFAULT_RETRY_BACKOFF,
              JudgeClientSettings.DEFAULT_RETRY_ON_TIMEOUT);
    }

    public JudgeSettings settings() {
      return new JudgeSettings(
          systemPrompt,
          userTemplate,
          principleTemplate,
          scaleMax,
          topLogprobs,
          JudgeSettings.defaults().maxChars(),
          concurrency);
    }
  }

  /** The configured sets as principles. */
  public Map<String, List<Principle>> principleSets() {
    Map<String, List<Principle>> out = new java.util.LinkedHashMap<>();
    sets.forEach(
        (name, entries) ->
            out.put(name, entries.stream().map(PrincipleEntry::toPrinciple).toList()));
    return out;
  }

  /**
   * One configured principle.
   *
   * @param dimension short name, the component name in per-principle mode
   * @param definition what a good response does
   * @param negativeDefinition what a bad response does (optional)
   * @param weight relative weight; default 1
   */
  public record PrincipleEntry(
      String dimension, String definition, String negativeDefinition, Double weight) {

    Principle toPrinciple() {
      return new Principle(dimension, definition, negativeDefinition, weight == null ? 1 : weight);
    }
  }

  /**
   * ONNX Runtime session options.
   *
   * @param device {@code cpu} or {@code cuda} (needs the {@code gpu} Maven profile's ONNX Runtime
   *     build; falls back to CPU with a logged reason)
   * @param cudaDeviceId the GPU ordinal
   * @param intraOpThreads threads within an operator; 0 for ONNX Runtime's default
   * @param interOpThreads threads across operators; 0 for ONNX Runtime's default
   * @param optimization graph optimization: none, basic, extended, all
   * @param memoryArena the CPU memory arena allocator
   */
  public record Onnx(
      SessionSettings.Device device,
      @Min(0) Integer cudaDeviceId,
      @Min(0) Integer intraOpThreads,
      @Min(0) Integer interOpThreads,
      String optimization,
      Boolean memoryArena) {

    public Onnx {
      device = device == null ? SessionSettings.Device.CPU : device;
      cudaDeviceId = cudaDeviceId == null ? 0 : cudaDeviceId;
      intraOpThreads = intraOpThreads == null ? 0 : intraOpThreads;
      interOpThreads = interOpThreads == null ? 0 : interOpThreads;
      optimization = optimization == null ? "all" : optimization;
      memoryArena = memoryArena == null || memoryArena;
    }

    public SessionSettings settings() {
      return new SessionSettings(
          device, cudaDeviceId, intraOpThreads, interOpThreads, optimization, memoryArena);
    }
  }

  /**
   * Dynamic batching of model inputs across concurrent requests.
   *
   * @param maxBatchSize most inputs per session run
   * @param maxWait how long a batch's first input waits for companions
   * @param queueCapacity inputs that may wait; beyond it items come back {@code overloaded}
   * @param workers threads running batches (each one session run at a time)
   */
  public record Batching(
      @Min(1) Integer maxBatchSize,
      Duration maxWait,
      @Min(1) Integer queueCapacity,
      @Min(1) Integer workers) {

    public Batching {
      maxBatchSize = maxBatchSize == null ? 32 : maxBatchSize;
      maxWait = maxWait == null ? Duration.ofMillis(5) : maxWait;
      queueCapacity = queueCapacity == null ? 8192 : queueCapacity;
      workers = workers == null ? 1 : workers;
    }

    public BatchSettings settings() {
      return new BatchSettings(maxBatchSize, maxWait, queueCapacity, workers);
    }
  }
}
