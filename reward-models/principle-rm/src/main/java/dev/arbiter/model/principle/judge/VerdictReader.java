package dev.arbiter.model.principle.judge;

import dev.arbiter.model.judge.JudgeResponse;
import dev.arbiter.model.judge.TokenLogprob;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a judge's verdict on a 0..{@code scaleMax} scale as a score in [0, 1]: from the choice
 * tokens' logprobs when the server returned them (the probability-weighted mean over the digits
 * 0..scaleMax at the first digit the judge produced, as G-Eval does), else from the first number in
 * the text. Anything else is not a verdict, never a made-up score.
 */
final class VerdictReader {

  /** How the verdict was read. */
  record Verdict(double score, String source) {}

  /** The judge's output holds no usable verdict. */
  static final class NoVerdictException extends RuntimeException {
    NoVerdictException(String message) {
      super(message, null, false, false);
    }
  }

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

  private final int scaleMax;

  VerdictReader(int scaleMax) {
    if (scaleMax < 1) {
      throw new IllegalArgumentException("scale max must be at least 1, is " + scaleMax);
    }
    this.scaleMax = scaleMax;
  }

  Verdict read(JudgeResponse response) {
    if (scaleMax <= 9 && response.hasLogprobs()) {
      OptionalDouble fromLogprobs = fromLogprobs(response);
      if (fromLogprobs.isPresent()) {
        return new Verdict(fromLogprobs.getAsDouble(), "logprobs");
      }
    }
    return new Verdict(fromText(response.text()), "text");
  }

  private OptionalDouble fromLogprobs(JudgeResponse response) {
    for (TokenLogprob token : response.logprobs()) {
      String t = token.token().strip();
      if (t.length() != 1 || !Character.isDigit(t.charAt(0))) {
        continue;
      }
      double mass = 0;
      double weighted = 0;
      for (int d = 0; d <= scaleMax; d++) {
        OptionalDouble lp = logprobOf(token, Integer.toString(d));
        if (lp.isPresent()) {
          double p = Math.exp(lp.getAsDouble());
          mass += p;
          weighted += p * d;
        }
      }
      return mass > 0 ? OptionalDouble.of(weighted / mass / scaleMax) : OptionalDouble.empty();
    }
    return OptionalDouble.empty();
  }

  /** A digit's logprob, also under tokenizers that glue a leading space to it. */
  private static OptionalDouble logprobOf(TokenLogprob token, String digit) {
    OptionalDouble plain = token.logprobOf(digit);
    return plain.isPresent() ? plain : token.logprobOf(" " + digit);
  }

  private double fromText(String text) {
    Matcher m = NUMBER.matcher(text);
    if (!m.find()) {
      throw new NoVerdictException("judge output has no number: " + excerpt(text));
    }
    double value = Double.parseDouble(m.group());
    if (value < 0 || value > scaleMax) {
      throw new NoVerdictException(
          "judge verdict " + m.group() + " is outside 0.." + scaleMax + ": " + excerpt(text));
    }
    return value / scaleMax;
  }

  private static String excerpt(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return '"' + (oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine) + '"';
  }
}
