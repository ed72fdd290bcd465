package dev.arbiter.verifier.rules.web;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.InvalidItemException;
import dev.arbiter.api.fields.ItemFields;
import dev.arbiter.api.fields.Range;
import dev.arbiter.api.fields.RecordSchemas;
import dev.arbiter.api.fields.SchemaAs;
import dev.arbiter.verifier.rules.internal.RuleScorer;
import dev.arbiter.verifier.rules.text.BoundedJson;
import dev.arbiter.verifier.rules.text.RougeL;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
public final class WebActionScorer extends RuleScorer<WebActionScorer.Options> {

  @JsonClassDescription("web-action options")
  record Options(
      @JsonPropertyDescription("ROUGE-L below this earns no value reward") @Range(min = 0, max = 1)
          Double rougeThreshold,
      @JsonPropertyDescription(
              "difficulty-aware reward scale of the long-text value rewards (1: off)")
          @Range(min = 0, max = 1e6)
          Double dars) {
    Options {
      rougeThreshold = rougeThreshold == null ? 0.75 : rougeThreshold;
      dars = dars == null ? 1.0 : dars;
    }
  }

  /** The gold action, at the top level or inside {@code action}. */
  @JsonClassDescription("the gold action")
  record Reference(
      @JsonPropertyDescription("click, type_and_submit or terminate") String type,
      @JsonPropertyDescription("the target element's name (click, type_and_submit)") String name,
      @JsonPropertyDescription("the text typed (type_and_submit)") String text,
      @JsonPropertyDescription("the same three fields nested, in place of the top-level ones")
          @SchemaAs(GoldAction.class)
          Object action) {}

  /** The nested form of the gold action, for the schema. */
  record GoldAction(String type, String name, String text) {}

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "web-action",
          VERSION,
          "Shop-R1 hierarchical reward: format 0.5 + action type 0.3 + sub-action attribute and"
              + " ROUGE-L value rewards",
          RecordSchemas.reference(Reference.class),
          RecordSchemas.options(Options.class));

  public WebActionScorer(int maxResponseChars) {
    super(DESCRIPTOR, Options.class, maxResponseChars);
  }

  /** An action as read from JSON. */
  record Action(String type, String name, String text) {}

  @Override
  protected ScoreResult scoreChecked(ScoreItem item, Options o) {
    double threshold = o.rougeThreshold();
    double dars = o.dars();
    Action gold = goldAction(ItemFields.reference(item.reference(), Reference.class));

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

  private static Action goldAction(Reference r) {
    Map<?, ?> map = r.action() instanceof Map<?, ?> inner ? inner : null;
    if (map == null) {
      Map<String, Object> top = new LinkedHashMap<>();
      top.put("type", r.type());
      top.put("name", r.name());
      top.put("text", r.text());
      map = top;
    }
    Action gold = read(map, InvalidItemException::reference, "reference");
    if (gold.type().isEmpty()) {
      throw InvalidItemException.reference("reference.type is missing or blank");
    }
    if (gold.type().equals("click") && gold.name().isEmpty()) {
      throw InvalidItemException.reference("reference of a click needs a 'name'");
    }
    if (gold.type().equals("type_and_submit") && (gold.name().isEmpty() || gold.text().isEmpty())) {
      throw InvalidItemException.reference(
          "reference of a type_and_submit needs 'name' and 'text'");
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
