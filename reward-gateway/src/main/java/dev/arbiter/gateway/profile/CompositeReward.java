package dev.arbiter.gateway.profile;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScoreStatus;
import dev.arbiter.gateway.GatewayProperties.Component;
import dev.arbiter.gateway.GatewayProperties.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named profile: which scorer calls an item needs, and how their results combine into one reward.
 * Components that come back null (not applicable) are left out of the sum and listed in {@code
 * details.missing_components}; a masked component masks the whole item, since a partial sum would
 * teach the policy a fake reward.
 */
public final class CompositeReward {

  private final String name;
  private final Profile profile;

  public CompositeReward(String name, Profile profile) {
    this.name = name;
    this.profile = profile;
    for (Component c : profile.components()) {
      if (c.keyedOn() != null
          && profile.components().stream()
              .noneMatch(o -> o.name().equals(c.keyedOn()) && o.keyedOn() == null)) {
        throw new IllegalArgumentException(
            "profile '"
                + name
                + "': component '"
                + c.name()
                + "' is keyed on '"
                + c.keyedOn()
                + "', which is not an unkeyed component of the profile");
      }
    }
  }

  public String name() {
    return name;
  }

  public Profile profile() {
    return profile;
  }

  /** The scorer ids this profile calls. */
  public List<String> scorers() {
    return profile.components().stream().map(Component::scorer).distinct().toList();
  }

  /** The distinct scorer calls for {@code item}: one per (scorer, merged options). */
  public List<ScoreItem> calls(ScoreItem item) {
    List<ScoreItem> calls = new ArrayList<>();
    for (Component c : profile.components()) {
      ScoreItem call = callFor(item, c);
      if (!calls.contains(call)) {
        calls.add(call);
      }
    }
    return calls;
  }

  /** Combines the results of {@link #calls(ScoreItem)} (aligned with it) into the item's result. */
  public ScoreResult combine(ScoreItem item, List<ScoreItem> calls, List<ScoreResult> results) {
    Map<String, Double> components = new LinkedHashMap<>();
    Map<String, Object> perScorer = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    double total = 0;
    ScoreResult firstNull = null;
    Map<String, Double> unkeyed = new LinkedHashMap<>();
    for (Component c : profile.components()) {
      if (c.keyedOn() == null) {
        ScoreResult r = results.get(calls.indexOf(callFor(item, c)));
        Double value = c.component() == null ? r.reward() : r.components().get(c.component());
        unkeyed.put(c.name(), value == null ? null : clip(value, c.min(), c.max()));
      }
    }
    for (Component c : profile.components()) {
      ScoreResult r = results.get(calls.indexOf(callFor(item, c)));
      perScorer.putIfAbsent(c.scorer(), scorerDetails(r));
      if (r.mask()) {
        return ScoreResult.failure(
            item.id(),
            r.status(),
            "component '" + c.name() + "' (" + c.scorer() + "): " + r.details().get("reason"));
      }
      Double value = value(c, r, unkeyed);
      if (value == null) {
        missing.add(c.name());
        firstNull = firstNull == null ? r : firstNull;
        continue;
      }
      double clipped = clip(value, c.min(), c.max());
      components.put(c.name(), clipped);
      total += c.weight() * clipped;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("profile", name);
    if (!missing.isEmpty()) {
      details.put("missing_components", missing);
    }
    details.put("scorers", perScorer);
    if (components.isEmpty()) {
      return new ScoreResult(
          item.id(), null, firstNull.status(), false, Map.of(), details, "gateway/" + name, 0);
    }
    return new ScoreResult(
        item.id(),
        clip(total, profile.min(), profile.max()),
        ScoreStatus.OK,
        false,
        components,
        details,
        "gateway/" + name,
        0);
  }

  /** The component's value: the scorer's reward or named component, or the keyed branch. */
  private static Double value(Component c, ScoreResult r, Map<String, Double> unkeyed) {
    if (c.keyedOn() == null) {
      return c.component() == null ? r.reward() : r.components().get(c.component());
    }
    Double key = unkeyed.get(c.keyedOn());
    return key == null ? null : r.components().get(key >= 0.5 ? "if_correct" : "if_wrong");
  }

  private static Map<String, Object> scorerDetails(ScoreResult r) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("status", r.status().wire());
    d.put("reward", r.reward());
    d.put("components", r.components());
    d.put("details", r.details());
    return d;
  }

  private static ScoreItem callFor(ScoreItem item, Component c) {
    Map<String, Object> options = item.options();
    if (!c.options().isEmpty()) {
      options = new LinkedHashMap<>(item.options());
      options.putAll(c.options());
    }
    return item.withScorer(c.scorer()).withOptions(options);
  }

  private static double clip(double v, Double min, Double max) {
    double out = v;
    if (min != null) {
      out = Math.max(min, out);
    }
    if (max != null) {
      out = Math.min(max, out);
    }
    return out;
  }
}
