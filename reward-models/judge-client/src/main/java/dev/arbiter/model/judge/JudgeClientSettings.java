package dev.arbiter.model.judge;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to reach and call one OpenAI-compatible judge.
 *
 * @param baseUrl the server's base URL, with or without a trailing {@code /v1} (e.g. {@code
 *     http://localhost:8000/v1} for vLLM, {@code http://localhost:11434/v1} for Ollama); requests
 *     go to {@code <base>/v1/chat/completions}
 * @param model the model name the server expects
 * @param apiKey sent as {@code Authorization: Bearer <key>}; null or blank sends none
 * @param temperature default sampling temperature (0 for a deterministic judge)
 * @param maxTokens default bound on the completion length
 * @param timeout bound on one attempt, from sending to the parsed body
 * @param connectTimeout bound on opening the TCP connection
 * @param maxAttempts attempts per call, first included; retries happen on connection errors, 5xx
 *     and 429 (and on timeouts when {@code retryOnTimeout})
 * @param retryBackoff wait before the first retry; doubles each retry
 * @param retryOnTimeout also retry attempts that timed out (off by default: a slow backend under
 *     load only gets slower when every call is sent again)
 * @param circuitFailureRate failure percentage (timeouts and unavailability) that opens the circuit
 * @param circuitWindow number of recent attempts the failure rate is computed over
 * @param circuitMinimumCalls attempts needed before the rate is judged
 * @param circuitOpenFor how long an open circuit refuses calls before probing again
 * @param maxResponseBytes bound on a response body kept in memory
 */
public record JudgeClientSettings(
    String baseUrl,
    String model,
    String apiKey,
    double temperature,
    int maxTokens,
    Duration timeout,
    Duration connectTimeout,
    int maxAttempts,
    Duration retryBackoff,
    boolean retryOnTimeout,
    float circuitFailureRate,
    int circuitWindow,
    int circuitMinimumCalls,
    Duration circuitOpenFor,
    int maxResponseBytes) {

  public JudgeClientSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    URI uri = URI.create(baseUrl);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "judge base URL should be absolute like http://host:8000/v1, was '" + baseUrl + "'");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts should be >= 1, was " + maxAttempts);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens should be >= 1, was " + maxTokens);
    }
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(circuitOpenFor, "circuitOpenFor");
  }

  /** Sampling temperature unless set: 0, a deterministic judge. */
  public static final double DEFAULT_TEMPERATURE = 0.0;

  /** Completion length bound unless set. */
  public static final int DEFAULT_MAX_TOKENS = 512;

  /** Bound on one attempt unless set. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Bound on opening the TCP connection unless set. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Attempts per call unless set, the first included. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Wait before the first retry unless set. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);

  /** Whether timed-out attempts are retried unless set. */
  public static final boolean DEFAULT_RETRY_ON_TIMEOUT = false;

  /** Failure percentage that opens the circuit unless set. */
  public static final float DEFAULT_CIRCUIT_FAILURE_RATE = 50f;

  /** Attempts the failure rate is computed over unless set. */
  public static final int DEFAULT_CIRCUIT_WINDOW = 20;

  /** Attempts needed before the failure rate is judged unless set. */
  public static final int DEFAULT_CIRCUIT_MINIMUM_CALLS = 10;

  /** How long an open circuit refuses calls unless set. */
  public static final Duration DEFAULT_CIRCUIT_OPEN_FOR = Duration.ofSeconds(30);

  /** Bound on a response body kept in memory unless set: 4 MiB. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

  /** The {@code DEFAULT_*} settings for this server and model, without an API key. */
  public static JudgeClientSettings of(String baseUrl, String model) {
    Copy c = new Copy();
    c.baseUrl = baseUrl;
    c.model = model;
    return c.build();
  }

  public JudgeClientSettings withApiKey(String value) {
    return with(c -> c.apiKey = value);
  }

  public JudgeClientSettings withSampling(double newTemperature, int newMaxTokens) {
    return with(
        c -> {
          c.temperature = newTemperature;
          c.maxTokens = newMaxTokens;
        });
  }

  public JudgeClientSettings withTimeout(Duration value) {
    return with(c -> c.timeout = value);
  }

  public JudgeClientSettings withRetry(int attempts, Duration backoff, boolean onTimeout) {
    return with(
        c -> {
          c.maxAttempts = attempts;
          c.retryBackoff = backoff;
          c.retryOnTimeout = onTimeout;
        });
  }

  public JudgeClientSettings withCircuit(
      float failureRate, int window, int minimumCalls, Duration openFor) {
    return with(
        c -> {
          c.circuitFailureRate = failureRate;
          c.circuitWindow = window;
          c.circuitMinimumCalls = minimumCalls;
          c.circuitOpenFor = openFor;
        });
  }

  /** A copy with {@code change} applied; the canonical constructor checks the result. */
  private JudgeClientSettings with(Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return c.build();
  }

  /** The components of a settings object being made: the defaults, or a copy being changed. */
  private static final class Copy {
    String baseUrl;
    String model;
    String apiKey;
    double temperature = DEFAULT_TEMPERATURE;
    int maxTokens = DEFAULT_MAX_TOKENS;
    Duration timeout = DEFAULT_TIMEOUT;
    Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
    boolean retryOnTimeout = DEFAULT_RETRY_ON_TIMEOUT;
    float circuitFailureRate = DEFAULT_CIRCUIT_FAILURE_RATE;
    int circuitWindow = DEFAULT_CIRCUIT_WINDOW;
    int circuitMinimumCalls = DEFAULT_CIRCUIT_MINIMUM_CALLS;
    Duration circuitOpenFor = DEFAULT_CIRCUIT_OPEN_FOR;
    int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

    Copy() {}

    Copy(JudgeClientSettings s) {
      baseUrl = s.baseUrl;
      model = s.model;
      apiKey = s.apiKey;
      temperature = s.temperature;
      maxTokens = s.maxTokens;
      timeout = s.timeout;
      connectTimeout = s.connectTimeout;
      maxAttempts = s.maxAttempts;
      retryBackoff = s.retryBackoff;
      retryOnTimeout = s.retryOnTimeout;
      circuitFailureRate = s.circuitFailureRate;
      circuitWindow = s.circuitWindow;
      circuitMinimumCalls = s.circuitMinimumCalls;
      circuitOpenFor = s.circuitOpenFor;
      maxResponseBytes = s.maxResponseBytes;
    }

    JudgeClientSettings build() {
      return new JudgeClientSettings(
          baseUrl,
          model,
          apiKey,
          temperature,
          maxTokens,
          timeout,
          connectTimeout,
          maxAttempts,
          retryBackoff,
          retryOnTimeout,
          circuitFailureRate,
          circuitWindow,
          circuitMinimumCalls,
          circuitOpenFor,
          maxResponseBytes);
    }
  }

  /** The absolute chat-completions URL. */
  public String completionsUrl() {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return base.endsWith("/v1") ? base + "/chat/completions" : base + "/v1/chat/completions";
  }
}
