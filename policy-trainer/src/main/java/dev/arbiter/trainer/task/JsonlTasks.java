package dev.arbiter.trainer.task;

import dev.arbiter.api.json.ArbiterJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tasks from a JSONL file, one object per line: {@code {"prompt": "...", "reference": {...},
 * "scorer": "math", "category": "..."}}. {@code category} defaults to {@code default}, {@code
 * scorer} to {@code math}. Blank lines are skipped; a malformed line fails the load with its line
 * number.
 */
public final class JsonlTasks {

  private JsonlTasks() {}

  /** The file's tasks as a {@link TaskPool}. */
  public static TaskPool load(Path file) throws IOException {
    List<Task> tasks = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      tasks.add(parse(line, file, i + 1));
    }
    if (tasks.isEmpty()) {
      throw new IOException(file + " holds no tasks");
    }
    return TaskPool.of(tasks);
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
}
