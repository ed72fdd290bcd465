package dev.arbiter.api.json;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first JSON value in model text: a policy's answer (vision boxes, GUI actions) or a judge's
 * verdict (rubric scores, a refined rubric). Prose and code fences around the JSON are fine; the
 * value ends where it ends, whatever follows. Lenient where models are sloppy (single quotes,
 * trailing commas, {@code NaN} so that a caller can refuse it by name).
 *
 * <p>Bounded for hostile input: the caller caps the text length, nesting is capped at {@value
 * #MAX_DEPTH} and numbers at 64 digits, and parsing is tried from at most {@value #MAX_ATTEMPTS}
 * start positions, each a linear read of the rest of the text, so a megabyte of unbalanced braces
 * costs a few linear passes, never a quadratic scan.
 */
public final class LenientJson {

  /** Start positions tried before giving up. */
  public static final int MAX_ATTEMPTS = 8;

  /** Deepest nesting read; deeper input does not parse. */
  public static final int MAX_DEPTH = 32;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxNumberLength(64)
                          .build())
                  .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                  .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                  .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                  .build())
          // the JSON ends where the value ends: text or a closing fence may follow
          .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private LenientJson() {}

  /**
   * The first list or object in {@code text} that parses, as plain Java values (maps, lists,
   * numbers, strings, booleans, null).
   *
   * @throws MalformedJsonException when the text is longer than {@code maxChars}, holds no list or
   *     object, or none parses; the message says which, in terms of "answer"
   */
  public static Object firstValue(String text, int maxChars) {
    checkLength(text, maxChars);
    String lastError = null;
    int from = 0;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      int start = nextStart(text, from, true);
      if (start < 0) {
        break;
      }
      try (JsonParser parser = MAPPER.createParser(text.substring(start))) {
        return MAPPER.readValue(parser, Object.class);
      } catch (JacksonException e) {
        lastError = e.getOriginalMessage();
      }
      from = start + 1;
    }
    if (lastError == null) {
      throw new MalformedJsonException(
          text.isEmpty() ? "answer is empty" : "answer holds no JSON list or object");
    }
    throw new MalformedJsonException("answer is not valid JSON: " + abbreviate(lastError));
  }

  /**
   * The first object in {@code text} that parses (an object inside a list counts), as a tree; empty
   * when the text is null, longer than {@code maxChars}, or holds no object that parses.
   */
  public static Optional<JsonNode> firstObject(String text, int maxChars) {
    if (text == null || text.length() > maxChars) {
      return Optional.empty();
    }
    int from = 0;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      int start = nextStart(text, from, false);
      if (start < 0) {
        break;
      }
      try (JsonParser parser = MAPPER.createParser(text.substring(start))) {
        JsonNode node = MAPPER.readTree(parser);
        if (node != null && node.isObject()) {
          return Optional.of(node);
        }
      } catch (JacksonException e) {
        // not JSON at this brace; try the next one
      }
      from = start + 1;
    }
    return Optional.empty();
  }

  private static void checkLength(String text, int maxChars) {
    if (text.length() > maxChars) {
      throw new MalformedJsonException(
          "answer is " + text.length() + " characters; the limit is " + maxChars);
    }
  }

  private static int nextStart(String text, int from, boolean lists) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' || (lists && c == '[')) {
        return i;
      }
    }
    return -1;
  }

  private static String abbreviate(String message) {
    String firstLine = message.lines().findFirst().orElse(message);
    return firstLine.length() <= 120 ? firstLine : firstLine.substring(0, 117) + "...";
  }
}
