package dev.arbiter.model.judge;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

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

  /**
   * Defaults: temperature 0, 512 tokens, 30 s per attempt, 3 attempts from 200 ms backoff, circuit
   * opening at 50% failures over 20 calls (10 minimum) for 30 s, 4 MiB bodies.
   */
  public static JudgeClientSettings of(String baseUrl, String model) {
    return new JudgeClientSettings(
        baseUrl,
        model,
        null,
        0.0,
        512,
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        3,
        Duration.ofMillis(200),
        false,
        50f,
        20,
        10,
        Duration.ofSeconds(30),
        4 * 1024 * 1024);
  }

  public JudgeClientSettings withApiKey(String value) {
    return new JudgeClientSettings(
        baseUrl,
        model,
        value,
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

  public JudgeClientSettings withSampling(double newTemperature, int newMaxTokens) {
    return new JudgeClientSettings(
        baseUrl,
        model,
        apiKey,
        newTemperature,
        newMaxTokens,
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

  public JudgeClientSettings withTimeout(Duration value) {
    return new JudgeClientSettings(
        baseUrl,
        model,
        apiKey,
        temperature,
        maxTokens,
        value,
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

  public JudgeClientSettings withRetry(int attempts, Duration backoff, boolean onTimeout) {
    return new JudgeClientSettings(
        baseUrl,
        model,
        apiKey,
        temperature,
        maxTokens,
        timeout,
        connectTimeout,
        attempts,
        backoff,
        onTimeout,
        circuitFailureRate,
        circuitWindow,
        circuitMinimumCalls,
        circuitOpenFor,
        maxResponseBytes);
  }

  public JudgeClientSettings withCircuit(
      float failureRate, int window, int minimumCalls, Duration openFor) {
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
        failureRate,
        window,
        minimumCalls,
        openFor,
        maxResponseBytes);
  }

  /** The absolute chat-completions URL. */
  public String completionsUrl() {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return base.endsWith("/v1") ? base + "/chat/completions" : base + "/v1/chat/completions";
  }
}
