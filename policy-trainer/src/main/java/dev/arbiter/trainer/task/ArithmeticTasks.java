package dev.arbiter.trainer.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Procedural arithmetic and one-step algebra with difficulty levels, scored by {@code math}.
 * Categories are {@code op/level}: {@code add}, {@code sub}, {@code mul} (level-digit times one
 * digit) and {@code solve} ({@code x+a=b;x=}), level L drawing operands below {@code 10^L}. Prompts
 * are terse ({@code 37+45=}) because the policy is a character model trained from scratch; the
 * answer is the integer alone.
 */
public final class ArithmeticTasks implements TaskSource {

  /** A well-formed answer: an optional minus sign and digits. */
  public static final Pattern INTEGER = Pattern.compile("-?\\d+");

  private static final List<String> OPS = List.of("add", "sub", "mul", "solve");

  private final List<String> categories;

  /**
   * @param ops any of add, sub, mul, solve
   * @param levels difficulty levels, 1 to 3
   */
  public ArithmeticTasks(List<String> ops, List<Integer> levels) {
    List<String> cats = new ArrayList<>();
    for (String op : ops) {
      if (!OPS.contains(op)) {
        throw new IllegalArgumentException("unknown op '" + op + "', expected one of " + OPS);
      }
      for (int level : levels) {
        if (level < 1 || level > 3) {
          throw new IllegalArgumentException("level should be 1 to 3, was " + level);
        }
        cats.add(op + "/" + level);
      }
    }
    if (cats.isEmpty()) {
      throw new IllegalArgumentException("no arithmetic categories selected");
    }
    this.categories = List.copyOf(cats);
  }

  @Override
  public List<String> categories() {
    return categories;
  }

  @Override
  public Task draw(String category, Random random) {
    int slash = category.indexOf('/');
    String op = category.substring(0, slash);
    int level = Integer.parseInt(category.substring(slash + 1));
    int bound = (int) Math.pow(10, level);
    int a = random.nextInt(bound);
    int b = random.nextInt(bound);
    return switch (op) {
      case "add" -> task(a + "+" + b + "=", a + b, category);
      case "sub" -> task(Math.max(a, b) + "-" + Math.min(a, b) + "=", Math.abs(a - b), category);
      case "mul" -> {
        int digit = random.nextInt(10);
        yield task(a + "*" + digit + "=", a * digit, category);
      }
      case "solve" -> task("x+" + a + "=" + (a + b) + ";x=", b, category);
      default -> throw new IllegalArgumentException("unknown category " + category);
    };
  }

  private static Task task(String prompt, long answer, String category) {
    return new Task(prompt, "math", Map.of("answer", Long.toString(answer)), category, INTEGER);
  }
}
