package dev.arbiter.trainer.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TasksTest {

  @Test
  void arithmetic_answersAreCorrectForEveryCategory() {
    ArithmeticTasks tasks = new ArithmeticTasks(List.of("add", "sub", "mul", "solve"), List.of(2));
    Random random = new Random(9);
    for (String category : tasks.categories()) {
      for (int i = 0; i < 50; i++) {
        Task t = tasks.draw(category, random);
        long answer = Long.parseLong(t.answer());
        String p = t.prompt();
        long expected;
        if (category.startsWith("solve")) {
          String[] parts = p.substring(2, p.indexOf(';')).split("=");
          expected = Long.parseLong(parts[1]) - Long.parseLong(parts[0]);
        } else {
          String[] ab = p.substring(0, p.length() - 1).split("[+*-]");
          long a = Long.parseLong(ab[0]);
          long b = Long.parseLong(ab[1]);
          expected = p.contains("+") ? a + b : p.contains("*") ? a * b : a - b;
        }
        assertThat(answer).as(p).isEqualTo(expected).isNotNegative();
        assertThat(t.scorer()).isEqualTo("math");
        assertThat(t.answerFormat().matcher(t.answer()).matches()).isTrue();
      }
    }
  }

  @Test
  void arithmetic_rejectsUnknownOpsAndLevels() {
    assertThatThrownBy(() -> new ArithmeticTasks(List.of("div"), List.of(1)))
        .hasMessageContaining("unknown op 'div'");
    assertThatThrownBy(() -> new ArithmeticTasks(List.of("add"), List.of(4)))
        .hasMessageContaining("level should be 1 to 3");
  }

  @Test
  void jsonl_loadsTasksByCategoryWithDefaults(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("tasks.jsonl");
    Files.writeString(
        file,
        """
        {"prompt": "2+2=", "reference": {"answer": "4"}, "scorer": "math", "category": "easy"}

        {"prompt": "What is 1/2 + 1/4?", "reference": {"answer": "0.75"}}
        """);
    TaskPool tasks = JsonlTasks.load(file);
    assertThat(tasks.categories()).containsExactly("easy", "default");
    Task t = tasks.draw("default", new Random(1));
    assertThat(t.scorer()).isEqualTo("math");
    assertThat(t.answer()).isEqualTo("0.75");
  }

  @Test
  void jsonl_namesTheBadLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"prompt\": \"a\", \"reference\": {}}\n{\"prompt\": 3}\n");
    assertThatThrownBy(() -> JsonlTasks.load(file)).hasMessageContaining("bad.jsonl:2");
    Files.writeString(file, "not json\n");
    assertThatThrownBy(() -> JsonlTasks.load(file)).hasMessageContaining("bad.jsonl:1: not JSON");
  }
}
