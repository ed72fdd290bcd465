package dev.arbiter.trainer.task;

import java.util.List;
import java.util.Random;

/** Draws tasks by category. */
public interface TaskSource {

  /** The categories this source can draw from (the curriculum's arms). */
  List<String> categories();

  /** A task of {@code category}. */
  Task draw(String category, Random random);

  /** Every task, when the source is a finite set; empty for a generator. */
  default List<Task> all() {
    return List.of();
  }
}
