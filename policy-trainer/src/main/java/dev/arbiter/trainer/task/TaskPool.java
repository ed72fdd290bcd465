package dev.arbiter.trainer.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A fixed set of tasks, drawn uniformly within a category; categories in first-seen order. */
public final class TaskPool implements TaskSource {

  private final Map<String, List<Task>> byCategory;

  private TaskPool(Map<String, List<Task>> byCategory) {
    this.byCategory = byCategory;
  }

  /**
   * @throws IllegalArgumentException when {@code tasks} is empty
   */
  public static TaskPool of(List<Task> tasks) {
    Map<String, List<Task>> byCategory = new LinkedHashMap<>();
    for (Task t : tasks) {
      byCategory.computeIfAbsent(t.category(), c -> new ArrayList<>()).add(t);
    }
    if (byCategory.isEmpty()) {
      throw new IllegalArgumentException("a task pool needs at least one task");
    }
    byCategory.replaceAll((c, list) -> List.copyOf(list));
    return new TaskPool(byCategory);
  }

  public int size() {
    return byCategory.values().stream().mapToInt(List::size).sum();
  }

  @Override
  public List<Task> all() {
    return byCategory.values().stream().flatMap(List::stream).toList();
  }

  @Override
  public List<String> categories() {
    return List.copyOf(byCategory.keySet());
  }

  @Override
  public Task draw(String category, Random random) {
    List<Task> tasks = byCategory.get(category);
    if (tasks == null) {
      throw new IllegalArgumentException("no tasks in category '" + category + "'");
    }
    return tasks.get(random.nextInt(tasks.size()));
  }
}
