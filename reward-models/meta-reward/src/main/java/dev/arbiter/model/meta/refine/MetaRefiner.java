package dev.arbiter.model.meta.refine;

import dev.arbiter.api.json.LenientJson;
import dev.arbiter.model.judge.JudgeClient;
import dev.arbiter.model.judge.JudgeException;
import dev.arbiter.model.meta.rubric.RubricDraft;
import dev.arbiter.model.meta.rubric.RubricItem;
import dev.arbiter.model.meta.rubric.RubricLimits;
import dev.arbiter.model.meta.rubric.RubricVersion;
import dev.arbiter.model.meta.store.RubricCatalog;
import dev.arbiter.model.meta.store.RubricConflictException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The meta-reward model's three steps (MPO): <b>analyze</b> recent judged samples against the
 * rubric (what did the policy exploit, where did the rubric misjudge), <b>refine</b> (new or
 * sharper criteria with examples), <b>merge</b> (one deduplicated item list). The result is
 * validated against {@link RubricLimits} and published on top of the rubric it started from; if
 * another version was published meanwhile, the outcome is a conflict and nothing is overwritten.
 */
public final class MetaRefiner {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final String SYSTEM =
      "You are a meta-reward model. You audit the rubric an LLM grader uses to score a policy's"
          + " responses during reinforcement learning, and you improve it so that the policy cannot"
          + " earn points without doing the task well.";
  static final String ANALYZE_TAG = "[meta:analyze]";
  static final String REFINE_TAG = "[meta:refine]";
  static final String MERGE_TAG = "[meta:merge]";

  private final JudgeClient metaModel;
  private final String author;
  private final RubricLimits limits;
  private final int promptChars;
  private final int responseChars;

  /**
   * @param metaModel the meta-reward model's backend
   * @param author recorded on published versions, e.g. {@code meta-model:qwen2.5-7b}
   * @param promptChars how much of each sample's prompt the analysis shows
   * @param responseChars how much of each sample's response the analysis shows
   */
  public MetaRefiner(
      JudgeClient metaModel,
      String author,
      RubricLimits limits,
      int promptChars,
      int responseChars) {
    this.metaModel = metaModel;
    this.author = author;
    this.limits = limits;
    this.promptChars = promptChars;
    this.responseChars = responseChars;
  }

  /** Runs the three steps over {@code samples} and publishes the result through {@code catalog}. */
  public RefinementOutcome refine(
      RubricCatalog catalog, RubricVersion rubric, List<ScoredSample> samples, String trigger) {
    long start = System.nanoTime();
    try {
      String samplesText = renderSamples(samples);
      String analysis =
          metaModel.complete(
              SYSTEM,
              ANALYZE_TAG
                  + "\n# Task\n"
                  + rubric.description()
                  + "\n\n# Current rubric\n"
                  + renderRubric(rubric.items())
                  + "\n# Recent judged samples\n"
                  + samplesText
                  + "\n# Instructions\nAnalyze these judgments. Which behaviours earned points"
                  + " without doing the task well (length, repetition, restating the rubric,"
                  + " skipping reasoning, formatting tricks)? Where did the rubric misjudge?"
                  + " Answer in at most 300 words.");
      if (analysis.isBlank()) {
        return outcome(
            rubric, trigger, "failed", null, "the meta-model's analysis is empty", start);
      }
      String proposal =
          metaModel.complete(
              SYSTEM,
              REFINE_TAG
                  + "\n# Current rubric\n"
                  + renderRubric(rubric.items())
                  + "\n# Analysis\n"
                  + analysis
                  + "\n\n# Instructions\nPropose new or sharper rubric items, each with one or two"
                  + " short examples, that close the loopholes in the analysis. "
                  + itemsFormat());
      List<RubricItem> proposed = parseItems(proposal);
      if (proposed == null) {
        return outcome(
            rubric,
            trigger,
            "rejected",
            null,
            "the refine step did not return an items list",
            start);
      }
      String merged =
          metaModel.complete(
              SYSTEM,
              MERGE_TAG
                  + "\n# Current rubric\n"
                  + JSON.writeValueAsString(Map.of("items", rubric.items()))
                  + "\n\n# Proposed items\n"
                  + JSON.writeValueAsString(Map.of("items", proposed))
                  + "\n\n# Instructions\nMerge the current rubric and the proposed items into one"
                  + " clean rubric: remove duplicates, keep at most "
                  + limits.maxItems()
                  + " items, each criterion under "
                  + limits.maxCriterionChars()
                  + " characters. "
                  + itemsFormat());
      List<RubricItem> items = parseItems(merged);
      if (items == null) {
        return outcome(
            rubric,
            trigger,
            "rejected",
            null,
            "the merge step did not return an items list",
            start);
      }
      List<String> problems = limits.problems(items);
      if (!problems.isEmpty()) {
        return outcome(
            rubric,
            trigger,
            "rejected",
            null,
            "invalid rubric: " + String.join("; ", problems),
            start);
      }
      RubricVersion published =
          catalog.publish(
              new RubricDraft(
                  rubric.task(),
                  rubric.version(),
                  rubric.description(),
                  items,
                  author,
                  trigger,
                  analysis,
                  samplesJson(samples)));
      return outcome(rubric, trigger, "published", published.version(), null, start);
    } catch (RubricConflictException e) {
      return outcome(rubric, trigger, "conflict", null, e.getMessage(), start);
    } catch (JudgeException e) {
      return outcome(
          rubric, trigger, "failed", null, "meta-model call failed: " + e.getMessage(), start);
    }
  }

  private static RefinementOutcome outcome(
      RubricVersion rubric,
      String trigger,
      String status,
      Integer version,
      String reason,
      long start) {
    return new RefinementOutcome(
        rubric.task(),
        trigger,
        status,
        rubric.version(),
        version,
        reason,
        (System.nanoTime() - start) / 1e6);
  }

  private static String itemsFormat() {
    return "Return only JSON: {\"items\": [{\"criterion\": \"...\", \"max_points\": <integer>,"
        + " \"examples\": [\"...\"]}, ...]}";
  }

  static String renderRubric(List<RubricItem> items) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      RubricItem item = items.get(i);
      b.append(i + 1).append(". (").append(item.maxPoints()).append(" points) ");
      b.append(item.criterion()).append('\n');
      item.examples().forEach(e -> b.append("   Example: ").append(e).append('\n'));
    }
    return b.toString();
  }

  private String renderSamples(List<ScoredSample> samples) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < samples.size(); i++) {
      ScoredSample s = samples.get(i);
      b.append("## Sample ")
          .append(i + 1)
          .append(" — score ")
          .append(s.total())
          .append('/')
          .append(s.maxTotal())
          .append(", per item ")
          .append(s.itemScores())
          .append("\nPrompt: ")
          .append(cut(s.prompt(), promptChars))
          .append("\nResponse: ")
          .append(cut(s.response(), responseChars))
          .append("\n\n");
    }
    return b.toString();
  }

  private String samplesJson(List<ScoredSample> samples) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ScoredSample s : samples) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("rubric_version", s.rubricVersion());
      m.put("total", s.total());
      m.put("max_total", s.maxTotal());
      m.put("item_scores", s.itemScores());
      m.put("prompt", cut(s.prompt(), promptChars));
      m.put("response", cut(s.response(), responseChars));
      out.add(m);
    }
    return JSON.writeValueAsString(out);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + " [...]";
  }

  /** The items of a {@code {"items": [...]}} answer, or null when there is no such list. */
  static List<RubricItem> parseItems(String text) {
    // the judge client bounds the answer (max-response-bytes); parsing is linear in it
    JsonNode root = LenientJson.firstObject(text, Integer.MAX_VALUE).orElse(null);
    if (root == null || !root.path("items").isArray()) {
      return null;
    }
    List<RubricItem> items = new ArrayList<>();
    for (JsonNode n : root.path("items")) {
      List<String> examples = new ArrayList<>();
      for (JsonNode e : n.path("examples")) {
        examples.add(e.asString(""));
      }
      JsonNode points = n.path("max_points");
      items.add(
          new RubricItem(
              n.path("criterion").asString(""),
              points.isIntegralNumber() ? points.asInt() : -1,
              examples));
    }
    return items;
  }
}
