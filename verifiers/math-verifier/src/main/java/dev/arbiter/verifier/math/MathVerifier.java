package dev.arbiter.verifier.math;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Percent;
import dev.arbiter.verifier.math.ast.Expr.SetOf;
import dev.arbiter.verifier.math.ast.Expr.Text;
import dev.arbiter.verifier.math.equiv.EquivalenceChecker;
import dev.arbiter.verifier.math.equiv.SymbolicSimplifier;
import dev.arbiter.verifier.math.equiv.Verdict;
import dev.arbiter.verifier.math.equiv.WorkBudget;
import dev.arbiter.verifier.math.extract.AnswerExtractor;
import dev.arbiter.verifier.math.extract.BoxUnwrapper;
import dev.arbiter.verifier.math.extract.Candidate;
import dev.arbiter.verifier.math.extract.ExtractionConfig;
import dev.arbiter.verifier.math.extract.ExtractionConfig.Target;
import dev.arbiter.verifier.math.extract.InterruptibleCharSequence;
import dev.arbiter.verifier.math.extract.LatexNormalizer;
import dev.arbiter.verifier.math.parse.CanonicalPrinter;
import dev.arbiter.verifier.math.parse.LatexAnswerParser;
import dev.arbiter.verifier.math.parse.LatexAnswerParser.ParseFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The whole check for one item, synchronously: extract and parse the gold answer and the predicted
 * answer, then compare. Plain Java, thread-safe; {@link MathScorer} bounds its time.
 */
public final class MathVerifier {

  /** What was found in a text: the parsed answer (or null) and the first extracted string. */
  record Parsed(Expr expr, Candidate candidate, String fallback) {}

  /**
   * The result of one check.
   *
   * @param correct whether the prediction matches
   * @param goldInvalid the gold answer could not be parsed
   * @param reason why
   * @param extracted the prediction's extracted answer (null when none)
   * @param gold the gold answer as extracted
   * @param canonicalPrediction canonical form of the parsed prediction
   * @param canonicalGold canonical form of the parsed gold
   */
  public record Outcome(
      boolean correct,
      boolean goldInvalid,
      String reason,
      String extracted,
      String gold,
      String canonicalPrediction,
      String canonicalGold) {}

  private static final int MAX_ANSWER_CHARS = 20_000;
  // Normalization shrinks (\left( is "("); the parser checks MAX_ANSWER_CHARS on what remains.
  private static final int MAX_RAW_ANSWER_CHARS = 4 * MAX_ANSWER_CHARS;
  private static final int MAX_NESTING = 100;
  private static final int MAX_CANDIDATES = 64;
  private static final int MAX_PLAIN_GOLD_SCAN = 1000;
  private static final Pattern EQUALS = Pattern.compile("(?<![\\\\<!>])=");

  private final AnswerExtractor extractor = new AnswerExtractor();
  private final LatexAnswerParser parser = new LatexAnswerParser(MAX_ANSWER_CHARS, MAX_NESTING);
  private final EquivalenceChecker checker;

  public MathVerifier(SymbolicSimplifier simplifier) {
    this.checker = new EquivalenceChecker(simplifier);
  }

  public Outcome verify(CharSequence response, String goldText, MathOptions options) {
    // A long gold is scanned interruptibly too (regex scans of long digit runs are slow); a short
    // one is not: scanning a String is several times faster than any other CharSequence.
    CharSequence goldScan =
        goldText.length() > MAX_PLAIN_GOLD_SCAN
            ? new InterruptibleCharSequence(goldText)
            : goldText;
    Parsed gold = find(goldScan, options.gold(), options.orderedLists());
    Parsed pred = find(response, options.response(), options.orderedLists());
    if (gold.expr() == null) {
      if (gold.fallback() != null && gold.fallback().equals(pred.fallback())) {
        return new Outcome(
            true,
            false,
            "identical answer text (gold not parseable)",
            pred.fallback(),
            gold.fallback(),
            null,
            null);
      }
      return new Outcome(
          false, true, "gold answer could not be parsed", pred.fallback(), goldText, null, null);
    }
    String canonicalGold = CanonicalPrinter.print(gold.expr());
    if (options.requireBoxed() && BoxUnwrapper.find(response).isEmpty()) {
      return new Outcome(
          false,
          false,
          "format: no \\boxed{} answer",
          pred.fallback(),
          display(gold),
          null,
          canonicalGold);
    }
    if (pred.expr() == null) {
      boolean sameText = pred.fallback() != null && pred.fallback().equals(gold.fallback());
      return new Outcome(
          sameText,
          false,
          sameText
              ? "identical answer text"
              : pred.fallback() == null
                  ? "no answer found in the response"
                  : "answer could not be parsed",
          pred.fallback(),
          display(gold),
          null,
          canonicalGold);
    }
    String canonicalPred = CanonicalPrinter.print(pred.expr());
    Verdict verdict = checker.compare(gold.expr(), pred.expr(), options.comparison());
    boolean correct = verdict.equal();
    String reason = verdict.reason();
    if (!correct && pred.fallback() != null && pred.fallback().equals(gold.fallback())) {
      correct = true;
      reason = "identical answer text";
    }
    return new Outcome(
        correct, false, reason, display(pred), display(gold), canonicalPred, canonicalGold);
  }

  private static String display(Parsed p) {
    return p.candidate() == null ? p.fallback() : p.candidate().text();
  }

  /** The first candidate that parses, Math-Verify's "any match" (or only the first one). */
  Parsed find(CharSequence text, ExtractionConfig config, boolean orderedLists) {
    List<Candidate> candidates = extractor.candidates(text, config);
    String fallback = null;
    List<int[]> failedLatex = new ArrayList<>();
    int tried = 0;
    for (Candidate c : candidates) {
      WorkBudget.check();
      if (tried++ >= MAX_CANDIDATES) {
        break;
      }
      if (c.target() == Target.EXPR && overlaps(c, failedLatex)) {
        continue;
      }
      if (c.parts().stream().anyMatch(p -> p.length() > MAX_RAW_ANSWER_CHARS)) {
        failedLatex.add(new int[] {c.start(), c.end()});
        continue;
      }
      LatexNormalizer normalizer = new LatexNormalizer(config.malformedOperators(), config.units());
      List<String> normalized = c.parts().stream().map(p -> normalize(c, p, normalizer)).toList();
      if (fallback == null) {
        fallback = String.join(" and ", normalized).strip();
      }
      Expr parsed = parse(c, normalized, config, orderedLists);
      if (parsed != null) {
        return new Parsed(parsed, c, fallback);
      }
      if (c.target() == Target.LATEX || c.target() == Target.WHOLE) {
        failedLatex.add(new int[] {c.start(), c.end()});
      }
      if (config.firstMatchOnly()) {
        break;
      }
    }
    return new Parsed(null, null, fallback == null || fallback.isEmpty() ? null : fallback);
  }

  private static String normalize(Candidate c, String part, LatexNormalizer normalizer) {
    return switch (c.target()) {
      case LATEX, WHOLE -> normalizer.normalize(part);
      case EXPR -> part.replace("**", "^").strip();
      case STRING -> part;
    };
  }

  private Expr parse(
      Candidate c, List<String> parts, ExtractionConfig config, boolean orderedLists) {
    if (c.target() == Target.STRING) {
      String s = parts.get(0);
      return new Text(config.lowercase() ? s.toLowerCase(Locale.ROOT) : s);
    }
    List<Expr> exprs = new ArrayList<>();
    for (String part : parts) {
      Expr e = parseWithLastEquation(part, orderedLists);
      if (e == null) {
        return null;
      }
      exprs.add(e);
    }
    Expr result;
    if (exprs.size() == 1) {
      result = exprs.get(0);
    } else {
      List<Expr> elements = new ArrayList<>();
      for (Expr e : exprs) {
        if (e instanceof SetOf s) {
          elements.addAll(s.elements());
        } else {
          elements.add(e);
        }
      }
      result = new SetOf(elements);
    }
    return c.percent() ? new Percent(result) : result;
  }

  /** Parses the answer, or else (like Math-Verify) just the part after the last of several "=". */
  private Expr parseWithLastEquation(String part, boolean orderedLists) {
    try {
      return parser.parse(part, orderedLists);
    } catch (ParseFailure e) {
      if (part.indexOf(',') < 0 && part.indexOf(';') < 0) {
        String[] pieces = EQUALS.split(part);
        if (pieces.length > 2) {
          try {
            return parser.parse(pieces[pieces.length - 1], orderedLists);
          } catch (ParseFailure again) {
            return null;
          }
        }
      }
      return null;
    }
  }

  private static boolean overlaps(Candidate c, List<int[]> spans) {
    for (int[] s : spans) {
      if (c.start() < s[1] && c.end() > s[0]) {
        return true;
      }
    }
    return false;
  }
}
