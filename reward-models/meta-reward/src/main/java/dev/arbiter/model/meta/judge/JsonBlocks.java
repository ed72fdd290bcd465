package dev.arbiter.model.meta.judge;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Finds the JSON object in a model's answer: code fences and chatter around it are common. */
public final class JsonBlocks {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonBlocks() {}

  /** The first balanced top-level JSON object in {@code text}, or null when there is none. */
  public static JsonNode firstObject(String text) {
    if (text == null) {
      return null;
    }
    for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
      int end = matchingBrace(text, start);
      if (end < 0) {
        return null;
      }
      try {
        JsonNode node = JSON.readTree(text.substring(start, end + 1));
        if (node != null && node.isObject()) {
          return node;
        }
      } catch (JacksonException e) {
        // not JSON at this brace; try the next one
      }
    }
    return null;
  }

  private static int matchingBrace(String s, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
