package dev.arbiter.verifier.rules.web;

import static dev.arbiter.verifier.rules.internal.Schemas.number;
import static dev.arbiter.verifier.rules.internal.Schemas.object;
import static dev.arbiter.verifier.rules.internal.Schemas.props;
import static dev.arbiter.verifier.rules.internal.Schemas.string;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.verifier.rules.internal.Fields;
import dev.arbiter.verifier.rules.internal.InvalidReferenceException;
import dev.arbiter.verifier.rules.internal.RuleScorer;
import dev.arbiter.verifier.rules.text.BoundedJson;
import dev.arbiter.verifier.rules.text.RougeL;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code web-action}: Shop-R1's reward (Table 1 of the paper) for a response {@code {"rationale":
 * …, "action": {"type": …, "name": …, "text": …}}}:
 *
 * <ul>
 *   <li>{@code format} 0.5 when the response is that JSON object (a string rationale, an action
 *       object with a string type);
 *   <li>{@code type} 0.3 when the action type equals the gold's;
 *   <li>then, only when the type matches: {@code attribute} — click: +0.2 for a non-empty target
 *       name; type_and_submit: +0.1 for a name and +0.1 for a text — and {@code value} — click:
 *       {@code dars · sim(name)}; type_and_submit: {@code 0.1 · sim(name) + dars · sim(text)} —
 *       where {@code sim} is ROUGE-L F1, counted only at or above {@code rouge_threshold}.
 * </ul>
 *
 * The self-certainty rationale reward (0.13) needs the policy's token distributions and is not
 * computed here.
 */
public final class WebActionScorer extends RuleScorer {

  private static final Set<String> OPTIONS = Set.of("rouge_threshold", "dars");

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "web-action",
          VERSION,
          "Shop-R1 hierarchical reward: format 0.5 + action type 0.3 + sub-action attribute and"
              + " ROUGE-L value rewards",
          object(
              "the gold action",
              props(
                  "type", string("click, type_and_submit or terminate"),
                  "name", string("the target element's name (click, type_and_submit)"),
                  "text", string("the text typed (type_and_submit)")),
              "type"),
          object(
              "web-action options",
              props(
                  "rouge_threshold",
                  number("ROUGE-L below this earns no value reward", 0, 1, 0.75),
                  "dars",
                  number(
                      "difficulty-aware reward scale of the long-text value rewards (1: off)",
                      0,
                      1e6,
                      1))));

  public WebActionScorer(int maxResponseChars) {
    super(DESCRIPTOR, maxResponseChars);
  }

  @Override
  protected double floor(ScoreItem item) {
    Fields.options(item.options(), OPTIONS);
    return 0;
  }

  /** An action as read from JSON. */
  record Action(String type, String name, String text) {}

  @Override
  protected ScoreResult scoreChecked(ScoreItem item) {
    Fields o = Fields.options(item.options(), OPTIONS);
    double threshold = o.number("rouge_threshold", 0.75, 0, 1);
    double dars = o.number("dars", 1, 0, 1e6);
    Action gold = goldAction(Fields.reference(item.reference()));

    Map<String, Double> components = new LinkedHashMap<>();
    Map<String, Object> details = new LinkedHashMap<>();
    Action pred;
    try {
      pred = parse(item.response());
    } catch (IllegalArgumentException e) {
      components.put("format", 0.0);
      components.put("type", 0.0);
      components.put("attribute", 0.0);
      components.put("value", 0.0);
      details.put("reason", e.getMessage());
      return ScoreResult.ok(item.id(), 0.0, components, details);
    }
    double type = pred.type().equals(gold.type()) ? 0.3 : 0;
    double attribute = 0;
    double value = 0;
    if (type > 0) {
      switch (gold.type()) {
        case "click" -> {
          attribute = pred.name().isEmpty() ? 0 : 0.2;
          value = dars * sim(pred.name(), gold.name(), threshold, details, "name_rouge_l");
        }
        case "type_and_submit" -> {
          attribute = (pred.name().isEmpty() ? 0 : 0.1) + (pred.text().isEmpty() ? 0 : 0.1);
          value =
              0.1 * sim(pred.name(), gold.name(), threshold, details, "name_rouge_l")
                  + dars * sim(pred.text(), gold.text(), threshold, details, "text_rouge_l");
        }
        default -> {
          // terminate and other argument-less actions: the type is the whole action
        }
      }
    }
    components.put("format", 0.5);
    components.put("type", type);
    components.put("attribute", attribute);
    components.put("value", value);
    details.put("predicted_type", pred.type());
    details.put(
        "reason",
        type > 0 ? "action type matches" : "action type " + pred.type() + " != " + gold.type());
    return ScoreResult.ok(item.id(), 0.5 + type + attribute + value, components, details);
  }

  private static double sim(
      String pred, String gold, double threshold, Map<String, Object> details, String key) {
    double r = RougeL.f1(pred, gold);
    details.put(key, r);
    return r >= threshold && r > 0 ? r : 0;
  }

  /** The response as Shop-R1's JSON, or the reason it is not. */
  static Action parse(String response) {
    String text = stripFence(response.strip());
    Object json;
    try {
      json = BoundedJson.parse(text);
    } catch (BoundedJson.MalformedJsonException e) {
      throw new IllegalArgumentException("response is not JSON: " + e.getMessage());
    }
    if (!(json instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("response must be a JSON object {rationale, action}");
    }
    if (!(map.get("rationale") instanceof String)) {
      throw new IllegalArgumentException("response needs a string 'rationale'");
    }
    if (!(map.get("action") instanceof Map<?, ?> action)) {
      throw new IllegalArgumentException("response needs an 'action' object");
    }
    return read(action, IllegalArgumentException::new, "action");
  }

  private static Action goldAction(Fields r) {
    Map<?, ?> map = r.raw("action") instanceof Map<?, ?> inner ? inner : null;
    if (map == null) {
      Map<String, Object> top = new LinkedHashMap<>();
      for (String k : new String[] {"type", "name", "text"}) {
        top.put(k, r.raw(k));
      }
      map = top;
    }
    Action gold = read(map, InvalidReferenceException::new, "reference");
    if (gold.type().isEmpty()) {
      throw new InvalidReferenceException("reference.type is missing or blank");
    }
    if (gold.type().equals("click") && gold.name().isEmpty()) {
      throw new InvalidReferenceException("reference of a click needs a 'name'");
    }
    if (gold.type().equals("type_and_submit") && (gold.name().isEmpty() || gold.text().isEmpty())) {
      throw new InvalidReferenceException("reference of a type_and_submit needs 'name' and 'text'");
    }
    return gold;
  }

  private static Action read(
      Map<?, ?> map, java.util.function.Function<String, RuntimeException> error, String where) {
    String[] values = new String[3];
    String[] keys = {"type", "name", "text"};
    for (int i = 0; i < 3; i++) {
      Object v = map.get(keys[i]);
      if (v != null && !(v instanceof String)) {
        throw error.apply(where + "." + keys[i] + " must be a string");
      }
      values[i] = v == null ? "" : ((String) v).strip();
    }
    if (!(map.get("type") instanceof String)) {
      throw error.apply(where + " needs a string 'type'");
    }
    return new Action(values[0].toLowerCase(Locale.ROOT), values[1], values[2]);
  }

  private static String stripFence(String text) {
    if (text.startsWith("```") && text.endsWith("```") && text.length() >= 6) {
      int firstLine = text.indexOf('\n');
      if (firstLine > 0) {
        return text.substring(firstLine + 1, text.length() - 3).strip();
      }
    }
    return text;
  }
}
