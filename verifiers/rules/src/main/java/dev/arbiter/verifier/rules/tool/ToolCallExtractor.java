package dev.arbiter.verifier.rules.tool;

import dev.arbiter.verifier.rules.text.BoundedJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The tool calls of a text. Inside {@code <tool_call>…</tool_call>} blocks each non-blank line is
 * one JSON call (ToolRL's {@code split("\n")}); when a block's lines do not each parse, the whole
 * block is read as one JSON value (Hermes writes one call per block, sometimes pretty-printed).
 * Every block counts. Without tags, and only when {@code untagged} is allowed, the whole text is
 * read as JSON (a call, a list of calls, or OpenAI's {@code {"tool_calls": [...]}}).
 */
final class ToolCallExtractor {

  /** Most calls read from one text. */
  static final int MAX_CALLS = 256;

  private ToolCallExtractor() {}

  /** True when the text has an opening and a closing tag. */
  static boolean tagged(String text) {
    return text.contains("<tool_call>") && text.contains("</tool_call>");
  }

  /**
   * The calls, or throws {@link IllegalArgumentException} with the reason (no tags, not JSON, not a
   * call).
   */
  static List<ToolCall> extract(String text, boolean untagged) {
    if (!tagged(text)) {
      if (!untagged) {
        throw new IllegalArgumentException("no <tool_call>…</tool_call> block");
      }
      return bounded(ToolCall.readAll(parse(text.strip())));
    }
    List<ToolCall> calls = new ArrayList<>();
    int from = 0;
    while (true) {
      int open = text.indexOf("<tool_call>", from);
      if (open < 0) {
        break;
      }
      int close = text.indexOf("</tool_call>", open);
      if (close < 0) {
        break;
      }
      calls.addAll(block(text.substring(open + "<tool_call>".length(), close)));
      bounded(calls);
      from = close + "</tool_call>".length();
    }
    if (calls.isEmpty()) {
      throw new IllegalArgumentException("no tool call inside <tool_call>…</tool_call>");
    }
    return calls;
  }

  private static List<ToolCall> block(String body) {
    List<ToolCall> calls = new ArrayList<>();
    try {
      for (String line : body.strip().split("\n", -1)) {
        calls.add(ToolCall.read(parse(line)));
        bounded(calls);
      }
      return calls;
    } catch (IllegalArgumentException perLine) {
      try {
        return ToolCall.readAll(parse(body.strip()));
      } catch (IllegalArgumentException whole) {
        throw perLine;
      }
    }
  }

  private static Object parse(String json) {
    try {
      return BoundedJson.parse(json);
    } catch (BoundedJson.MalformedJsonException e) {
      throw new IllegalArgumentException("tool call is not JSON: " + e.getMessage());
    }
  }

  private static List<ToolCall> bounded(List<ToolCall> calls) {
    if (calls.size() > MAX_CALLS) {
      throw new IllegalArgumentException("more than " + MAX_CALLS + " tool calls");
    }
    return calls;
  }
}
