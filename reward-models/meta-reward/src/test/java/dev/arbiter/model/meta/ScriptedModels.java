package dev.arbiter.model.meta;

import dev.arbiter.model.judge.JudgeClient;
import dev.arbiter.model.judge.JudgeResponse;
import dev.arbiter.model.judge.testing.RecordedChat;
import dev.arbiter.model.judge.testing.ScriptedReply;
import dev.arbiter.model.meta.rubric.RubricDraft;
import dev.arbiter.model.meta.rubric.RubricItem;
import dev.arbiter.model.meta.rubric.RubricVersion;
import dev.arbiter.model.meta.store.RubricCatalog;
import java.util.List;
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

  /** These answers as an in-process {@link JudgeClient}, for unit tests without HTTP. */
  public JudgeClient client() {
    return request -> {
      RecordedChat chat = new RecordedChat("m", request.messages(), false, null, null, "");
      return java.util.concurrent.CompletableFuture.completedFuture(
          new JudgeResponse(apply(chat).content(), "stop", List.of(), "m", 1, 1, 1));
    };
  }

  /** Publishes version 1 of task {@code essay}: one 3-point thesis item. */
  public static RubricVersion seedEssay(RubricCatalog catalog) {
    return catalog.publish(
        new RubricDraft(
            "essay",
            null,
            "write an essay",
            List.of(new RubricItem("States a clear thesis.", 3, List.of())),
            "config",
            "seed",
            null,
            null));
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
