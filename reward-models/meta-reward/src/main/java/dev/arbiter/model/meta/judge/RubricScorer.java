package dev.arbiter.model.meta.judge;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.Range;
import dev.arbiter.api.fields.RecordSchemas;
import dev.arbiter.api.fields.Required;
import dev.arbiter.model.judge.JudgeClient;
import dev.arbiter.model.judge.JudgeException;
import dev.arbiter.model.judge.JudgeMalformedResponseException;
import dev.arbiter.model.judge.JudgeRejectedException;
import dev.arbiter.model.judge.JudgeResponse;
import dev.arbiter.model.meta.refine.ScoredSample;
import dev.arbiter.model.meta.refine.ScoredSampleSink;
import dev.arbiter.model.meta.rubric.RubricVersion;
import dev.arbiter.model.meta.store.RubricCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code rubric} scorer: a generative judge grades the response against the task's rubric, item
 * by item; the reward is the sum of item points, or that sum over the rubric's maximum when
 * normalized.
 *
 * <p>Reference {@code {"task": "essay"}}; options {@code {"rubric_version": 3, "normalize": true}}.
 * Malformed judge output is asked again once, then the item is masked {@code error}; judge timeouts
 * and outages mask it {@code scorer_unavailable}. Without a judge every item is {@code
 * scorer_unavailable}: there is no fake reward.
 */
public final class RubricScorer implements Scorer {

  public static final String ID = "rubric";
  public static final String VERSION = "meta-reward/0.1.0";

  private final RubricCatalog catalog;
  private final JudgeClient judge;
  private final ScoredSampleSink sink;
  private final boolean normalizeByDefault;
  private final String notReadyReason;

  /**
   * @param judge the judge, or null when none is configured (every item is then unavailable)
   * @param notReadyReason what to say when {@code judge} is null
   */
  public RubricScorer(
      RubricCatalog catalog,
      JudgeClient judge,
      ScoredSampleSink sink,
      boolean normalizeByDefault,
      String notReadyReason) {
    this.catalog = catalog;
    this.judge = judge;
    this.sink = sink;
    this.normalizeByDefault = normalizeByDefault;
    this.notReadyReason = notReadyReason;
  }

  /** False when no judge is configured. */
  public boolean ready() {
    return judge != null;
  }

  /**
   * The {@code rubric} options as bound by {@link ItemFields}.
   *
   * @param rubricVersion a pinned rubric version; null scores with the task's current rubric
   * @param normalize reward = points / max points; null takes the configured default
   */
  @JsonClassDescription("rubric options")
  record Options(
      @JsonPropertyDescription(
              "score with this version of the task's rubric (default: the current)")
          @Range(min = 1, max = Integer.MAX_VALUE)
          Integer rubricVersion,
      @JsonPropertyDescription(
              "reward is points over the rubric's maximum (default: arbiter.rubric.normalize)")
          Boolean normalize) {}

  /** The {@code rubric} reference as bound by {@link ItemFields}. */
  @JsonClassDescription("the task to grade against")
  record Reference(@JsonPropertyDescription("a task with a rubric") @Required String task) {}

  @Override
  public ScorerDescriptor descriptor() {
    return new ScorerDescriptor(
            ID,
            VERSION,
            "LLM judge over a per-task rubric refined by a meta-reward model (MPO)"
                + (ready() ? "" : "; NOT READY: " + notReadyReason),
            RecordSchemas.reference(Reference.class),
            RecordSchemas.options(Options.class))
        // an LLM judge over a rubric the meta-reward model revises: not a function of the item
        .withCacheable(false);
  }

  @Override
  public ScoreResult score(ScoreItem item) {
    Reference reference;
    Options options;
    try {
      reference = ItemFields.reference(item.reference(), Reference.class);
      options = ItemFields.options(item.options(), Options.class);
    } catch (InvalidItemException e) {
      return e.toResult(item.id());
    }
    String name = reference.task();
    if (name.isBlank()) {
      return ScoreResult.invalidReference(
          item.id(), "reference.task should name a task with a rubric, was '" + name + "'");
    }
    Integer pin = options.rubricVersion();
    boolean normalize = options.normalize() == null ? normalizeByDefault : options.normalize();
    Optional<RubricVersion> rubric =
        pin == null ? catalog.current(name) : catalog.version(name, pin);
    if (rubric.isEmpty()) {
      return ScoreResult.invalidReference(
          item.id(),
          pin == null
              ? "no rubric for task '" + name + "'; known tasks: " + catalog.tasks().keySet()
              : "task '" + name + "' has no rubric version " + pin);
    }
    if (judge == null) {
      return ScoreResult.failure(item.id(), ScoreStatus.SCORER_UNAVAILABLE, notReadyReason);
    }
    return judge(item, rubric.get(), normalize, pin == null);
  }

  private ScoreResult judge(
      ScoreItem item, RubricVersion rubric, boolean normalize, boolean current) {
    String lastProblem = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      JudgeResponse response;
      try {
        response = judge.complete(RubricPrompt.request(rubric, item.prompt(), item.response()));
      } catch (JudgeMalformedResponseException e) {
        lastProblem = e.getMessage();
        continue;
      } catch (JudgeRejectedException e) {
        return ScoreResult.failure(
            item.id(), ScoreStatus.ERROR, "judge refused the request: " + e.getMessage());
      } catch (JudgeException e) {
        return ScoreResult.failure(
            item.id(), ScoreStatus.SCORER_UNAVAILABLE, "judge unavailable: " + e.getMessage());
      }
      try {
        List<ItemScore> scores = RubricPrompt.parse(response.text(), rubric);
        return verdict(item, rubric, scores, normalize, current);
      } catch (MalformedVerdictException e) {
        lastProblem = e.getMessage();
      }
    }
    return ScoreResult.failure(
        item.id(), ScoreStatus.ERROR, "judge output malformed twice; last problem: " + lastProblem);
  }

  private ScoreResult verdict(
      ScoreItem item,
      RubricVersion rubric,
      List<ItemScore> scores,
      boolean normalize,
      boolean current) {
    Map<String, Double> components = new LinkedHashMap<>();
    List<String> rationales = new ArrayList<>(scores.size());
    List<Integer> points = new ArrayList<>(scores.size());
    int total = 0;
    for (int i = 0; i < scores.size(); i++) {
      ItemScore s = scores.get(i);
      components.put("item_" + (i + 1), (double) s.score());
      rationales.add(s.rationale());
      points.add(s.score());
      total += s.score();
    }
    int max = rubric.maxTotal();
    double reward = normalize ? (double) total / max : total;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("task", rubric.task());
    details.put("rubric_version", rubric.version());
    details.put("points", total);
    details.put("max_points", max);
    details.put("normalized", normalize);
    details.put("rationales", rationales);
    if (current) {
      sink.accept(
          new ScoredSample(
              item.id(),
              rubric.task(),
              rubric.version(),
              item.prompt(),
              item.response(),
              total,
              max,
              points));
    }
    return ScoreResult.ok(item.id(), reward, components, details);
  }
}
