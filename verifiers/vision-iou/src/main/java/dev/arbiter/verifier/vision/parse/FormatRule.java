package dev.arbiter.verifier.vision.parse;

import java.util.Locale;

/**
 * The format reward: 1 when the response has the required shape, else 0. Checked with linear scans
 * (no backtracking regex), surrounding whitespace ignored.
 */
public enum FormatRule {
  /**
   * Visual-RFT / R1: {@code <think>…</think>} then optional whitespace then {@code
   * <answer>…</answer>}, nothing before or after (the paper's {@code
   * re.fullmatch(r"<think>.*?</think>\s*<answer>.*?</answer>", s, re.DOTALL)}).
   */
  THINK_ANSWER {
    @Override
    public boolean test(String response) {
      String s = response.strip();
      if (!s.startsWith("<think>") || !s.endsWith(AnswerRegion.CLOSE)) {
        return false;
      }
      int lastOpenAllowed = s.length() - AnswerRegion.CLOSE.length() - AnswerRegion.OPEN.length();
      int from = "<think>".length();
      while (true) {
        int close = s.indexOf("</think>", from);
        if (close < 0) {
          return false;
        }
        int i = close + "</think>".length();
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        if (i > lastOpenAllowed) {
          return false;
        }
        if (s.startsWith(AnswerRegion.OPEN, i)) {
          return true;
        }
        from = close + 1;
      }
    }
  },
  /** The no-thinking variant: the whole response is {@code <answer>…</answer>}. */
  ANSWER {
    @Override
    public boolean test(String response) {
      String s = response.strip();
      return s.length() >= AnswerRegion.OPEN.length() + AnswerRegion.CLOSE.length()
          && s.startsWith(AnswerRegion.OPEN)
          && s.endsWith(AnswerRegion.CLOSE);
    }
  },
  /** No format component at all. */
  NONE {
    @Override
    public boolean test(String response) {
      return true;
    }
  };

  /** True when {@code response} has the shape. */
  public abstract boolean test(String response);

  /** 1 or 0. */
  public double score(String response) {
    return test(response) ? 1.0 : 0.0;
  }

  /** Whether a {@code format} component is reported and added to the total. */
  public boolean scored() {
    return this != NONE;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
