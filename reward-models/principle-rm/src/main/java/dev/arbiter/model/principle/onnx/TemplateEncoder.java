package dev.arbiter.model.principle.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Tokenizes rendered text with a Hugging Face {@code tokenizer.json} (through DJL) and fits it into
 * {@code maxLength} tokens: prompt tokens go first, from the left (the end of the prompt, nearest
 * the response, stays); only when the whole prompt is gone are response tokens cut from the right.
 * Template text, principles and special tokens are never cut.
 *
 * <p>Hostile lengths stay cheap: before tokenizing, a prompt keeps only its last and a response
 * only its first {@code maxLength * 16} characters (a word piece rarely spans more than a few), so
 * a megabyte response costs no more than a long one.
 */
public final class TemplateEncoder implements AutoCloseable {

  /** The text cannot fit even with no prompt and no response. */
  public static final class TooLongException extends RuntimeException {
    TooLongException(String message) {
      super(message, null, false, false);
    }
  }

  /** Characters kept per token of max length before tokenizing. */
  static final int CHARS_PER_TOKEN = 16;

  private static final Map<String, String> OPTIONS =
      Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false");

  private final HuggingFaceTokenizer tokenizer;
  private final int maxLength;

  private TemplateEncoder(HuggingFaceTokenizer tokenizer, int maxLength) {
    this.tokenizer = tokenizer;
    this.maxLength = maxLength;
  }

  public static TemplateEncoder open(Path tokenizerJson, int maxLength) throws IOException {
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new IOException("tokenizer file " + tokenizerJson + " does not exist");
    }
    return new TemplateEncoder(HuggingFaceTokenizer.newInstance(tokenizerJson, OPTIONS), maxLength);
  }

  public static TemplateEncoder open(InputStream tokenizerJson, int maxLength) throws IOException {
    return new TemplateEncoder(HuggingFaceTokenizer.newInstance(tokenizerJson, OPTIONS), maxLength);
  }

  public int maxLength() {
    return maxLength;
  }

  /** Tokenizes plain text, keeping its head when it is too long (counted as response tokens). */
  public TokenSequence encode(String text) {
    String head = head(text);
    return encode(new RenderedText(head, -1, -1, 0, head.length()), head.length() < text.length());
  }

  /**
   * Renders {@code template} (see {@link RenderedText#render}) and tokenizes it, fitting it into
   * the max length.
   */
  public TokenSequence encode(String template, String principles, String prompt, String response) {
    String tail = tail(prompt);
    String head = head(response);
    boolean cut = tail.length() < prompt.length() || head.length() < response.length();
    return encode(RenderedText.render(template, principles, tail, head), cut);
  }

  private String head(String text) {
    int budget = maxLength * CHARS_PER_TOKEN;
    return text.length() <= budget ? text : text.substring(0, budget);
  }

  private String tail(String text) {
    int budget = maxLength * CHARS_PER_TOKEN;
    return text.length() <= budget ? text : text.substring(text.length() - budget);
  }

  /** Tokenizes rendered text and fits it into the max length (see the class comment). */
  TokenSequence encode(RenderedText rendered, boolean charsCut) {
    Encoding enc = tokenizer.encode(rendered.text(), true, false);
    long[] ids = enc.getIds();
    long[] types = enc.getTypeIds();
    int excess = ids.length - maxLength;
    if (excess <= 0) {
      return new TokenSequence(ids, types, 0, 0, charsCut);
    }
    long[] special = enc.getSpecialTokenMask();
    CharSpan[] spans = enc.getCharTokenSpans();
    boolean[] drop = new boolean[ids.length];
    int promptDropped = 0;
    for (int t = 0; t < ids.length && promptDropped < excess; t++) {
      if (inSpan(t, special, spans, rendered.promptStart(), rendered.promptEnd())) {
        drop[t] = true;
        promptDropped++;
      }
    }
    int responseDropped = 0;
    for (int t = ids.length - 1; t >= 0 && promptDropped + responseDropped < excess; t--) {
      if (inSpan(t, special, spans, rendered.responseStart(), rendered.responseEnd())) {
        drop[t] = true;
        responseDropped++;
      }
    }
    if (promptDropped + responseDropped < excess) {
      throw new TooLongException(
          "the template and principles alone take "
              + (ids.length - promptDropped - responseDropped)
              + " tokens; the model's max length is "
              + maxLength);
    }
    long[] keptIds = new long[maxLength];
    long[] keptTypes = new long[maxLength];
    int k = 0;
    for (int t = 0; t < ids.length; t++) {
      if (!drop[t]) {
        keptIds[k] = ids[t];
        keptTypes[k] = types[t];
        k++;
      }
    }
    return new TokenSequence(keptIds, keptTypes, promptDropped, responseDropped, charsCut);
  }

  private static boolean inSpan(int t, long[] special, CharSpan[] spans, int start, int end) {
    if (start < 0 || special[t] != 0 || spans[t] == null) {
      return false;
    }
    int s = spans[t].getStart();
    return s >= start && s < end;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
