package dev.arbiter.model.principle;

import java.util.Locale;

/** How the selected principles are scored. */
public enum ScoringMode {
  /** All principles rendered into one input, one score (SALMON's use of its reward model). */
  JOINT,
  /** Each principle scored alone, reported as components, combined by weight (DPA-style). */
  PER_PRINCIPLE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ScoringMode fromWire(String value) {
    for (ScoringMode m : values()) {
      if (m.wire().equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "mode '" + value + "' is unknown; expected 'joint' or 'per_principle'");
  }
}
