package dev.arbiter.model.principle.judge;

import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.model.judge.JudgeClient;
import dev.arbiter.model.judge.JudgeMalformedResponseException;
import dev.arbiter.model.judge.JudgeRejectedException;
import dev.arbiter.model.judge.JudgeRequest;
import dev.arbiter.model.judge.JudgeResponse;
import dev.arbiter.model.judge.JudgeTimeoutException;
import dev.arbiter.model.judge.JudgeUnavailableException;
import dev.arbiter.model.principle.Principle;
import dev.arbiter.model.principle.PrincipledItem;
import dev.arbiter.model.principle.RewardBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * A generative judge served behind an OpenAI-compatible {@code /v1/chat/completions} (vLLM, SGLang,
 * Ollama, llama.cpp), reached through the shared {@link JudgeClient}. Per principle (or once for
 * all, in joint mode) it asks for a verdict on a 0..scale scale and reads it from the choice
 * tokens' logprobs when the server returns them, else from the number in the text. A judge that
 * fails, times out or answers without a verdict masks the item; it never becomes a score.
 */
public final class JudgeRewardModel implements RewardBackend {

  private final JudgeClient client;
  private final String label;
  private final JudgeSettings settings;
  private final VerdictReader reader;

  /**
   * @param client the shared chat-completions client
   * @param label the judge model's name, for the descriptor and details
   */
  public JudgeRewardModel(JudgeClient client, String label, JudgeSettings settings) {
    this.client = client;
    this.label = label;
    this.settings = settings;
    this.reader = new VerdictReader(settings.scaleMax());
  }

  @Override
  public boolean deterministic() {
    return false;
  }

  @Override
  public String description() {
    return "LLM judge '"
        + label
        + "' over an OpenAI-compatible chat-completions API: a 0.."
        + settings.scaleMax()
        + " verdict per principle, read from logprobs when returned, scaled to [0, 1]";
  }

  @Override
  public int preferredBatchSize() {
    return 16;
  }

  /** No call at start-up: the judge server may come up after this service. */
  @Override
  public void warmUp() {}

  /** One judge call: the principles it covers and its pending answer. */
  private record Call(List<Principle> principles, CompletableFuture<JudgeResponse> answer) {}

  @Override
  public List<ScoreResult> score(List<PrincipledItem> items) {
    List<List<Call>> calls = new ArrayList<>(items.size());
    List<JudgeRequest> pending = new ArrayList<>();
    List<CompletableFuture<JudgeResponse>> slots = new ArrayList<>();
    for (PrincipledItem item : items) {
      List<List<Principle>> units = item.units();
      List<Call> itemCalls = new ArrayList<>(units.size());
      for (List<Principle> unit : units) {
        CompletableFuture<JudgeResponse> slot = new CompletableFuture<>();
        pending.add(request(item, unit));
        slots.add(slot);
        itemCalls.add(new Call(unit, slot));
      }
      calls.add(itemCalls);
    }
    send(pending, slots);
    List<ScoreResult> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(result(items.get(i), calls.get(i)));
    }
    return out;
  }

  /** Sends the requests, at most {@code concurrency} in flight, and fills the slots. */
  private void send(List<JudgeRequest> requests, List<CompletableFuture<JudgeResponse>> slots) {
    for (int from = 0; from < requests.size(); from += settings.concurrency()) {
      int to = Math.min(requests.size(), from + settings.concurrency());
      List<CompletableFuture<JudgeResponse>> wave = new ArrayList<>(to - from);
      for (int k = from; k < to; k++) {
        CompletableFuture<JudgeResponse> slot = slots.get(k);
        CompletableFuture<JudgeResponse> f;
        try {
          f = client.chat(requests.get(k));
        } catch (RuntimeException e) {
          f = CompletableFuture.failedFuture(e);
        }
        wave.add(
            f.whenComplete(
                (r, e) -> {
                  if (e != null) {
                    slot.completeExceptionally(e);
                  } else {
                    slot.complete(r);
                  }
                }));
      }
      CompletableFuture.allOf(wave.toArray(CompletableFuture[]::new))
          .exceptionally(e -> null)
          .join();
    }
  }

  private JudgeRequest request(PrincipledItem item, List<Principle> principles) {
    String block =
        principles.stream()
            .map(p -> p.render(settings.principleTemplate()))
            .collect(Collectors.joining("\n"));
    String user =
        fill(
            settings.userTemplate(),
            Map.of(
                "{principles}", block,
                "{prompt}", cut(item.prompt()),
                "{response}", cut(item.response()),
                "{scale_max}", Integer.toString(settings.scaleMax())));
    JudgeRequest request = JudgeRequest.of(settings.systemPrompt(), user).withMaxTokens(8);
    return settings.topLogprobs() > 0 ? request.withLogprobs(settings.topLogprobs()) : request;
  }

  /** Fills slots in one left-to-right pass, so braces inside the values are never expanded. */
  static String fill(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder(template.length() + 256);
    int i = 0;
    outer:
    while (i < template.length()) {
      if (template.charAt(i) == '{') {
        for (Map.Entry<String, String> e : values.entrySet()) {
          if (template.startsWith(e.getKey(), i)) {
            out.append(e.getValue());
            i += e.getKey().length();
            continue outer;
          }
        }
      }
      out.append(template.charAt(i++));
    }
    return out.toString();
  }

  private String cut(String text) {
    return text.length() <= settings.maxChars() ? text : text.substring(0, settings.maxChars());
  }

  private ScoreResult result(PrincipledItem item, List<Call> calls) {
    double[] scores = new double[calls.size()];
    Map<String, Object> sources = new LinkedHashMap<>();
    for (int k = 0; k < calls.size(); k++) {
      Call call = calls.get(k);
      try {
        VerdictReader.Verdict v = reader.read(call.answer().join());
        scores[k] = v.score();
        sources.put(
            call.principles().size() == 1 ? call.principles().get(0).dimension() : "joint",
            v.source());
      } catch (CompletionException e) {
        return failure(e.getCause() == null ? e : e.getCause());
      } catch (VerdictReader.NoVerdictException e) {
        return ScoreResult.failure(null, ScoreStatus.ERROR, e.getMessage());
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("backend", "judge");
    details.put("judge_model", label);
    details.put("verdict_source", sources);
    if (item.prompt().length() > settings.maxChars()
        || item.response().length() > settings.maxChars()) {
      details.put("truncated", true);
    }
    return item.verdict(scores, details);
  }

  private static ScoreResult failure(Throwable e) {
    if (e instanceof JudgeTimeoutException || e instanceof JudgeUnavailableException) {
      return ScoreResult.failure(null, ScoreStatus.SCORER_UNAVAILABLE, e.getMessage());
    }
    if (e instanceof JudgeMalformedResponseException || e instanceof JudgeRejectedException) {
      return ScoreResult.failure(null, ScoreStatus.ERROR, e.getMessage());
    }
    return ScoreResult.failure(
        null, ScoreStatus.ERROR, "judge call failed: " + e.getClass().getSimpleName());
  }
}
