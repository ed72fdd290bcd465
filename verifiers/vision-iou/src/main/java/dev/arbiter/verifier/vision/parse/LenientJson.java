package dev.arbiter.verifier.vision.parse;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the first JSON list or object in model text and reads it as plain Java values (maps, lists,
 * numbers, strings). Lenient where models are sloppy (single quotes, trailing commas, text or code
 * fences around the JSON, {@code NaN} so that it can be refused by name); bounded for hostile
 * input: the text length is capped by the caller, nesting depth and parse attempts here.
 */
public final class LenientJson {

  /** Start positions tried before giving up; each attempt reads at most the capped text. */
  static final int MAX_ATTEMPTS = 8;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
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
   * The first list or object in {@code text} that parses.
   *
   * @throws MalformedAnswerException when the text is longer than {@code maxChars}, holds no list
   *     or object, or none parses
   */
  public static Object firstValue(String text, int maxChars) {
    if (text.length() > maxChars) {
      throw new MalformedAnswerException(
          "answer is " + text.length() + " characters; the limit is " + maxChars);
    }
    String lastError = null;
    int from = 0;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      int start = nextStart(text, from);
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
      throw new MalformedAnswerException(
          text.isEmpty() ? "answer is empty" : "answer holds no JSON list or object");
    }
    throw new MalformedAnswerException("answer is not valid JSON: " + abbreviate(lastError));
  }

  private static int nextStart(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[' || c == '{') {
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
