package dev.arbiter.trainer.task;

import dev.arbiter.api.json.ArbiterJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tasks from a JSONL file, one object per line: {@code {"prompt": "...", "reference": {...},
 * "scorer": "math", "category": "..."}}. {@code category} defaults to {@code default}, {@code
 * scorer} to {@code math}. Blank lines are skipped; a malformed line fails the load with its line
 * number.
 */
public final class JsonlTasks implements TaskSource {

  private final Map<String, List<Task>> byCategory;

  private JsonlTasks(Map<String, List<Task>> byCategory) {
    this.byCategory = byCategory;
  }

  public static JsonlTasks load(Path file) throws IOException {
    Map<String, List<Task>> byCategory = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      Task task = parse(line, file, i + 1);
      byCategory.computeIfAbsent(task.category(), c -> new ArrayList<>()).add(task);
    }
    if (byCategory.isEmpty()) {
      throw new IOException(file + " holds no tasks");
    }
    return new JsonlTasks(byCategory);
  }

  private static final JsonMapper JSON = ArbiterJson.mapper();

  @SuppressWarnings("unchecked")
  private static Task parse(String line, Path file, int number) throws IOException {
    try {
      JsonNode node = JSON.readTree(line);
      JsonNode prompt = node.get("prompt");
      JsonNode reference = node.get("reference");
      if (prompt == null || !prompt.isString() || reference == null || !reference.isObject()) {
        throw new IOException(
            file + ":" + number + ": should have a string 'prompt' and an object 'reference'");
      }
      Map<String, Object> ref = JSON.convertValue(reference, Map.class);
      String scorer = node.hasNonNull("scorer") ? node.get("scorer").asString() : "math";
      String category = node.hasNonNull("category") ? node.get("category").asString() : "default";
      return new Task(prompt.asString(), scorer, ref, category, null);
    } catch (JacksonException e) {
      throw new IOException(file + ":" + number + ": not JSON: " + e.getOriginalMessage(), e);
    }
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
