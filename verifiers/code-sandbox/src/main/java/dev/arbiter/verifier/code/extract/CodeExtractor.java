package dev.arbiter.verifier.code.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the program in a model response: inside {@code <answer>…</answer>} when present, else the
 * whole response; there, the last (or first) fenced block tagged with the language, else the last
 * (or first) untagged block; an {@code <answer>} without fences is taken as the code itself.
 */
public final class CodeExtractor {

  /** Which block wins when there are several. */
  public enum Pick {
    LAST,
    FIRST,
    /** The whole response is the program (tool calls, raw scripts). */
    RAW
  }

  private static final Pattern FENCE =
      Pattern.compile(
          "(?ms)^[ \\t]*(`{3,}|~{3,})[ \\t]*([\\w+#.-]*)[^\\n]*\\n(.*?)^[ \\t]*\\1[ \\t]*$");
  private static final Pattern ANSWER = Pattern.compile("(?s)<answer>(.*?)</answer>");

  private CodeExtractor() {}

  /** The program, or null when the response has none. */
  public static String extract(String response, List<String> tags, Pick pick) {
    if (response == null) {
      return null;
    }
    if (pick == Pick.RAW) {
      return response.isBlank() ? null : response;
    }
    String scope = response;
    boolean inAnswer = false;
    Matcher answer = ANSWER.matcher(response);
    String lastAnswer = null;
    while (answer.find()) {
      lastAnswer = answer.group(1);
    }
    if (lastAnswer != null) {
      scope = lastAnswer;
      inAnswer = true;
    }
    List<String> tagged = new ArrayList<>();
    List<String> untagged = new ArrayList<>();
    Matcher m = FENCE.matcher(scope);
    while (m.find()) {
      String tag = m.group(2).toLowerCase(java.util.Locale.ROOT);
      if (tag.isEmpty()) {
        untagged.add(m.group(3));
      } else if (tags.contains(tag)) {
        tagged.add(m.group(3));
      }
    }
    List<String> pool = !tagged.isEmpty() ? tagged : untagged;
    if (!pool.isEmpty()) {
      String code = pick == Pick.FIRST ? pool.get(0) : pool.get(pool.size() - 1);
      return code.isBlank() ? null : code;
    }
    if (inAnswer && !scope.contains("```") && !scope.isBlank()) {
      return scope.strip() + "\n";
    }
    return null;
  }
}
