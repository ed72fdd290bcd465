package dev.arbiter.model.meta;

import dev.arbiter.model.meta.rubric.RubricItem;
import dev.arbiter.model.meta.rubric.RubricVersion;
import java.time.Instant;
import java.util.List;

/** Rubrics for tests. */
public final class Rubrics {

  private Rubrics() {}

  /** Version 1 of task {@code essay}, seeded from configuration, published at the epoch. */
  public static RubricVersion essay(String description, RubricItem... items) {
    return new RubricVersion(
        "essay", 1, null, description, List.of(items), "config", "seed", null, null, Instant.EPOCH);
  }
}
