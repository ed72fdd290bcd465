package dev.arbiter.model.meta;

import dev.arbiter.model.judge.testing.RecordedChat;
import dev.arbiter.model.judge.testing.ScriptedReply;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic judge and meta-model answers for the scripted server: the judge gives every rubric
 * item its maximum when the response contains {@code PERFECT}, 1 point otherwise, and garbage when
 * it contains {@code MALFORMED}; the meta-model answers the analyze, refine and merge steps by
 * their tags, the merge with {@link #merged}.
 */
public final class ScriptedModels implements Function<RecordedChat, ScriptedReply> {

  private static final Pattern ITEM = Pattern.compile("(?m)^(\\d+)\\. \\((\\d+) points\\)");

  public volatile String merged =
      "{\"items\": ["
          + "{\"criterion\": \"States a clear thesis.\", \"max_points\": 3, \"examples\": []},"
          + "{\"criterion\": \"Penalize padding and repeated phrases.\", \"max_points\": 2,"
          + " \"examples\": [\"The same sentence three times earns 0.\"]}]}";
  public volatile String analysis = "The policy pads its answers and repeats the rubric.";

  @Override
  public ScriptedReply apply(RecordedChat chat) {
    String user = chat.lastUserMessage();
    if (user.startsWith("[meta:analyze]")) {
      return ScriptedReply.text(analysis);
    }
    if (user.startsWith("[meta:refine]")) {
      return ScriptedReply.text(
          "Here are sharper items:\n```json\n{\"items\": [{\"criterion\": \"Penalize padding and"
              + " repeated phrases.\", \"max_points\": 2, \"examples\": [\"x\"]}]}\n```");
    }
    if (user.startsWith("[meta:merge]")) {
      return ScriptedReply.text(merged);
    }
    return ScriptedReply.text(judge(user));
  }

  /** The judge's answer to a rubric prompt. */
  public static String judge(String user) {
    String response = user.substring(user.indexOf("# Response"));
    if (response.contains("MALFORMED")) {
      return "I think it is pretty good, maybe a 7?";
    }
    boolean perfect = response.contains("PERFECT");
    StringBuilder b = new StringBuilder("{\"items\": [");
    Matcher m = ITEM.matcher(user.substring(0, user.indexOf("# Prompt")));
    boolean first = true;
    while (m.find()) {
      int max = Integer.parseInt(m.group(2));
      b.append(first ? "" : ", ")
          .append("{\"item\": ")
          .append(m.group(1))
          .append(", \"rationale\": \"item ")
          .append(m.group(1))
          .append(" judged.\", \"score\": ")
          .append(perfect ? max : 1)
          .append('}');
      first = false;
    }
    return b.append("]}").toString();
  }
}
