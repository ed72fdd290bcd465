package dev.arbiter.trainer.model;

/**
 * A character-level tokenizer over printable ASCII plus three specials. Characters outside that
 * range encode as {@code '?'}: the demo tasks are ASCII arithmetic, and a fixed vocabulary keeps
 * checkpoints portable between datasets.
 */
public final class CharTokenizer {

  public static final int PAD = 0;
  public static final int BOS = 1;
  public static final int EOS = 2;
  private static final int FIRST_CHAR = 32;
  private static final int LAST_CHAR = 126;
  private static final int OFFSET = 3;

  public int vocabSize() {
    return OFFSET + LAST_CHAR - FIRST_CHAR + 1;
  }

  /** BOS followed by the characters of {@code text}. */
  public int[] encodePrompt(String text) {
    int[] ids = new int[text.length() + 1];
    ids[0] = BOS;
    for (int i = 0; i < text.length(); i++) {
      ids[i + 1] = encodeChar(text.charAt(i));
    }
    return ids;
  }

  /** The characters of {@code text} followed by EOS (a supervised target). */
  public int[] encodeTarget(String text) {
    int[] ids = new int[text.length() + 1];
    for (int i = 0; i < text.length(); i++) {
      ids[i] = encodeChar(text.charAt(i));
    }
    ids[text.length()] = EOS;
    return ids;
  }

  public int encodeChar(char c) {
    return c < FIRST_CHAR || c > LAST_CHAR ? encodeChar('?') : c - FIRST_CHAR + OFFSET;
  }

  /** Decodes up to the first EOS; specials are dropped. */
  public String decode(int[] ids, int from, int to) {
    StringBuilder sb = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      int id = ids[i];
      if (id == EOS) {
        break;
      }
      if (id >= OFFSET) {
        sb.append((char) (id - OFFSET + FIRST_CHAR));
      }
    }
    return sb.toString();
  }
}
