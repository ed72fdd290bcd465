package dev.arbiter.verifier.math.extract;

import dev.arbiter.verifier.math.extract.BoxUnwrapper.Box;
import dev.arbiter.verifier.math.extract.ExtractionConfig.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds candidate answers in a response, ranked the way Math-Verify ranks them: by pattern priority
 * ("final answer is ... I hope" 0, boxes at their configured priority, "final answer ... is" 50,
 * "answer:" 100, "answer" 200, anything 300), then rightmost first. The caller parses the
 * candidates in order and keeps the first that parses. Stateless and thread-safe; every regex is
 * linear in the response's length or bounded, so a hostile response costs at most a few passes over
 * its characters (BENCHMARKS.md has the measured times).
 */
public final class AnswerExtractor {

  /**
   * Longer responses are searched for environments, numbers and choices only in their last 64 KiB
   * (answers come last); boxes are found anywhere (a linear scan).
   */
  static final int MAX_SCAN = 64 * 1024;

  // Each body is an "unrolled loop" of possessive character-class runs: a Java regex recurses once
  // per iteration of a group loop, so (?:a|b)+? over a 10,000-character span overflows the stack;
  // here a group iteration happens only at a '$' or a backslash inside the span.
  private static final Pattern LATEX_ENV =
      Pattern.compile(
          "(?<!\\\\)\\$\\$(?<dd>(?=[^$]|\\$(?!\\$))[^$]*+(?:\\$(?!\\$)[^$]*+)*+)\\$\\$"
              + "|(?<!\\\\)\\\\\\[(?<db>(?!\\\\\\])[^\\\\]*+(?:\\\\(?!\\])[^\\\\]*+)*+)\\\\\\]"
              + "|(?<![\\\\\\d])\\$(?<id>(?=[^$\\n])[^\\\\\\n$]*+(?:\\\\[^\\n][^\\\\\\n$]*+)*+)\\$"
              + "|(?<!\\\\)\\\\\\((?<ip>(?!\\\\\\))[^\\\\\\n]*+(?:\\\\(?!\\))[^\\\\\\n]*+)*+)\\\\\\)"
              + "|(?<fr>-?\\\\frac\\{-?\\d+(?:[.,]\\d+)?\\}\\{-?\\d+(?:[.,]\\d+)?\\})");
  private static final Pattern PERCENT_AFTER =
      Pattern.compile("^\\s*(?:\\\\?%|[Pp]ercentage|[Pp]ercent|[Pp]ct)");
  private static final Pattern ENV_JOINER = Pattern.compile("\\s*(?:,?and|,?or|,)\\s*");

  /** What may precede a plain number: a space, "=", or (unlike Math-Verify) a CJK character. */
  private static final String PREFIX =
      "(?:^|\\s|=|(?<=[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}，。：；、]))";

  private static final String CURRENCY = "$€£¥₹₽₪₩₫฿";
  private static final String NUMBER =
      "(?<!\\d)(?:(?<i1>-?[1-9]\\d{0,2}(?:[ ,]\\d{3})+)(?<d1>\\.\\d+)?|(?<i2>-?\\d+)(?<d2>[.,]\\d+)"
          + "|(?<d3>\\.\\d+)|(?<i3>-?\\d+))"
          + "(?<pct>\\s*(?:%|[Pp]ercentage|[Pp]ercent|[Pp]ct))?";
  private static final Pattern NUMBER_ANCHORED =
      Pattern.compile(PREFIX + "(?:\\*\\*)?[" + Pattern.quote(CURRENCY) + "]?" + NUMBER);
  private static final String EXPR_CHARS = "[\\d.\\s+\\-*×/^()÷]";
  private static final Pattern EXPR_ANCHORED =
      Pattern.compile(
          PREFIX
              + "(?:\\*\\*)?(?<expr>-?\\(?-?\\d"
              + EXPR_CHARS
              + "*[+\\-*×/^()÷]"
              + EXPR_CHARS
              + "+\\)?)(?:\\*\\*)?(?:\\.|,|:|\\s|\\)|\\$|$)");
  private static final String ANSWER_WORDS =
      "(?:answer|r[ée]ponse|respuesta|antwort|risposta|resposta|ответ|答案|答)";
  private static final Pattern FINAL_IS_HOPE = Pattern.compile("(?i)final answer is:?\\s*");
  private static final Pattern HOPE_AFTER = Pattern.compile("^\\.?\\s?I hope");
  private static final Pattern FINAL_JUST_IS =
      Pattern.compile("(?is)final answer.{0,100}?\\s+is:?\\s*");
  private static final Pattern ANSWER_COLON = Pattern.compile("(?iu)" + ANSWER_WORDS + "\\s*[:：]");
  private static final Pattern ANSWER_WORD = Pattern.compile("(?iu)" + ANSWER_WORDS);
  private static final Pattern TEXT_CONTENT = Pattern.compile("\\\\text\\{([^{}]*)\\}");
  private static final Pattern BOX_GAP_NOISE =
      Pattern.compile("\\\\q?quad|\\\\[,;:! ]|\\\\[()\\[\\]]|\\$|[,.;]");
  private static final Pattern SEPARATOR_WORD = Pattern.compile("[A-Za-z_0-9=]+");

  /** All candidates for {@code config}, best first. */
  public List<Candidate> candidates(CharSequence text, ExtractionConfig config) {
    List<Candidate> out = new ArrayList<>();
    int offset = Math.max(0, text.length() - MAX_SCAN);
    CharSequence tail = offset == 0 ? text : text.subSequence(offset, text.length());
    List<Candidate> scanned = new ArrayList<>();
    for (Target target : config.targets()) {
      switch (target) {
        case LATEX -> {
          latexCandidates(tail, config, scanned);
          if (config.boxedPriority() >= 0) {
            out.addAll(boxRuns(text, config.boxedPriority()));
          }
        }
        case EXPR -> exprCandidates(tail, config, scanned);
        case STRING -> stringCandidates(tail, config, scanned);
        case WHOLE ->
            out.add(
                new Candidate(Target.WHOLE, -1, 0, text.length(), List.of(text.toString()), false));
      }
    }
    for (Candidate c : scanned) {
      out.add(
          new Candidate(
              c.target(),
              c.priority(),
              c.start() + offset,
              c.end() + offset,
              c.parts(),
              c.percent()));
    }
    out.sort(
        Comparator.comparingInt(Candidate::priority)
            .thenComparing(Comparator.comparingInt(Candidate::end).reversed())
            .thenComparingInt(Candidate::start));
    return out;
  }

  private void latexCandidates(CharSequence text, ExtractionConfig config, List<Candidate> out) {
    List<Candidate> envs = new ArrayList<>();
    Matcher m = LATEX_ENV.matcher(text);
    while (m.find()) {
      String content = firstNonNull(m, "dd", "db", "id", "ip", "fr");
      Matcher pct =
          PERCENT_AFTER.matcher(text.subSequence(m.end(), Math.min(text.length(), m.end() + 12)));
      boolean percent = pct.find();
      int end = percent ? m.end() + pct.end() : m.end();
      envs.add(new Candidate(Target.LATEX, 300, m.start(), end, List.of(content), percent));
    }
    List<Candidate> runs = new ArrayList<>(joinRuns(text, envs));
    int[] tail = BareLatexTail.find(text);
    if (tail != null) {
      String content = text.subSequence(tail[0], tail[1]).toString();
      runs.add(new Candidate(Target.LATEX, 300, tail[0], tail[1], List.of(content), false));
    }
    for (Candidate run : anchored(text, runs)) {
      if (run.priority() < 300 || config.anchorless()) {
        out.add(run);
      }
    }
    if (config.boxedPriority() >= 0) {
      for (Candidate run : runs) {
        if (run.parts().stream().anyMatch(p -> p.contains("\\boxed") || p.contains("\\fbox"))) {
          out.add(
              new Candidate(
                  Target.LATEX,
                  config.boxedPriority(),
                  run.start(),
                  run.end(),
                  run.parts(),
                  run.percent()));
        }
      }
    }
  }

  /** Joins environments separated only by "and", "or" or commas into one candidate (at most 6). */
  private static List<Candidate> joinRuns(CharSequence text, List<Candidate> envs) {
    List<Candidate> runs = new ArrayList<>();
    int i = 0;
    while (i < envs.size()) {
      Candidate first = envs.get(i);
      List<String> parts = new ArrayList<>(first.parts());
      boolean percent = first.percent();
      int end = first.end();
      int j = i + 1;
      while (j < envs.size()
          && parts.size() < 6
          && ENV_JOINER.matcher(text.subSequence(end, envs.get(j).start())).matches()) {
        parts.add(envs.get(j).parts().get(0));
        end = envs.get(j).end();
        percent |= envs.get(j).percent();
        j++;
      }
      runs.add(
          new Candidate(
              Target.LATEX, 300, first.start(), end, parts, percent && parts.size() == 1));
      i = j;
    }
    return runs;
  }

  /**
   * Boxes, with neighbouring boxes joined into one answer set when only a short connective
   * separates them ("\boxed{1} and \boxed{2}", "\boxed{(1,2)}, \boxed{(2,1)}").
   */
  private static List<Candidate> boxRuns(CharSequence text, int priority) {
    List<Box> boxes = BoxUnwrapper.find(text);
    List<Candidate> runs = new ArrayList<>();
    int i = 0;
    while (i < boxes.size()) {
      List<String> parts = new ArrayList<>();
      parts.add(boxes.get(i).content());
      int start = boxes.get(i).start();
      int end = boxes.get(i).end();
      int j = i + 1;
      while (j < boxes.size()
          && joinsBoxes(text.subSequence(end, boxes.get(j).start()).toString())) {
        parts.add(boxes.get(j).content());
        end = boxes.get(j).end();
        j++;
      }
      runs.add(new Candidate(Target.LATEX, priority, start, end, parts, false));
      i = j;
    }
    return runs;
  }

  private static boolean joinsBoxes(String between) {
    if (between.length() > 80) {
      return false;
    }
    String s =
        BOX_GAP_NOISE
            .matcher(TEXT_CONTENT.matcher(between).replaceAll(" $1 "))
            .replaceAll(" ")
            .trim();
    if (s.isEmpty()) {
      return true;
    }
    List<String> words = new ArrayList<>();
    Matcher w = SEPARATOR_WORD.matcher(s);
    while (w.find()) {
      words.add(w.group().toLowerCase(Locale.ROOT));
    }
    return words.size() <= 4 && (words.contains("and") || words.contains("or"));
  }

  private void exprCandidates(CharSequence text, ExtractionConfig config, List<Candidate> out) {
    List<Candidate> raw = new ArrayList<>();
    Matcher n = NUMBER_ANCHORED.matcher(text);
    while (n.find()) {
      String integer = firstNonNull(n, "i1", "i2", "i3");
      String decimal = firstNonNull(n, "d1", "d2", "d3");
      String number =
          (integer == null ? "0" : integer.replace(",", "").replace(" ", ""))
              + (decimal == null ? "" : decimal.replace(',', '.'));
      int valueStart = n.start(groupName(n, "i1", "i2", "i3", "d1", "d2", "d3"));
      boolean percent = n.group("pct") != null;
      int mixedEnd = percent ? -1 : PlainNumberContext.mixedNumberEnd(text, n.end(), number);
      int equation = percent ? -1 : PlainNumberContext.equationStart(text, valueStart);
      if (mixedEnd > 0) {
        String mixed = text.subSequence(valueStart, mixedEnd).toString().strip();
        raw.add(new Candidate(Target.EXPR, 300, valueStart, mixedEnd, List.of(mixed), false));
      } else if (equation >= 0) {
        String whole = text.subSequence(equation, n.end()).toString().replace('\n', ' ');
        raw.add(new Candidate(Target.EXPR, 300, equation, n.end(), List.of(whole), false));
      } else {
        raw.add(new Candidate(Target.EXPR, 300, valueStart, n.end(), List.of(number), percent));
      }
    }
    Matcher e = EXPR_ANCHORED.matcher(text);
    while (e.find()) {
      String expr = e.group("expr").replace('×', '*').replace('÷', '/').replace('\n', ' ');
      raw.add(
          new Candidate(Target.EXPR, 300, e.start("expr"), e.end("expr"), List.of(expr), false));
    }
    for (Candidate c : anchored(text, raw)) {
      if (c.priority() < 300 || config.anchorless()) {
        out.add(c);
      }
    }
  }

  private void stringCandidates(CharSequence text, ExtractionConfig config, List<Candidate> out) {
    String keys = config.strings().stream().map(Pattern::quote).collect(Collectors.joining("|"));
    Pattern p =
        Pattern.compile(
            "(?:^|\\s)(?:\\*\\*)?\\(?(?<key>" + keys + ")\\)?(?:\\*\\*)?(?:\\.|,|:|\\s|$)");
    Matcher m = p.matcher(text);
    List<Candidate> raw = new ArrayList<>();
    int from = 0;
    while (from <= text.length() && m.find(from)) {
      int start = m.start("key");
      boolean atStart =
          start <= 8 && text.subSequence(0, start).toString().matches("\\s*(\\*\\*)?");
      raw.add(
          new Candidate(
              Target.STRING,
              atStart ? 250 : 300,
              start,
              m.end("key"),
              List.of(m.group("key")),
              false));
      from = m.end("key");
    }
    for (Candidate c : anchored(text, raw)) {
      if (c.priority() < 250 || config.anchorless()) {
        out.add(c);
      }
    }
  }

  /**
   * Candidates with the priority of the anchor before them. Like Math-Verify's lazy patterns, an
   * anchor ranks only the first candidate that follows it within its window.
   */
  private static List<Candidate> anchored(CharSequence text, List<Candidate> raw) {
    List<Candidate> sorted = new ArrayList<>(raw);
    sorted.sort(Comparator.comparingInt(Candidate::start));
    int[] priority = sorted.stream().mapToInt(Candidate::priority).toArray();
    applyAnchor(text, FINAL_IS_HOPE, 0, 3, sorted, priority, true);
    applyAnchor(text, FINAL_JUST_IS, 50, 3, sorted, priority, false);
    applyAnchor(text, ANSWER_COLON, 100, 50, sorted, priority, false);
    applyAnchor(text, ANSWER_WORD, 200, 50, sorted, priority, false);
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Candidate c = sorted.get(i);
      out.add(new Candidate(c.target(), priority[i], c.start(), c.end(), c.parts(), c.percent()));
    }
    return out;
  }

  private static void applyAnchor(
      CharSequence text,
      Pattern anchor,
      int rank,
      int window,
      List<Candidate> sorted,
      int[] priority,
      boolean hope) {
    if (sorted.isEmpty()) {
      return;
    }
    Matcher m = anchor.matcher(text);
    int from = 0;
    while (m.find(from)) {
      int a = m.end();
      int idx = firstAtOrAfter(sorted, a);
      if (idx >= 0 && sorted.get(idx).start() - a <= window) {
        Candidate c = sorted.get(idx);
        boolean ok =
            !hope
                || HOPE_AFTER
                    .matcher(text.subSequence(c.end(), Math.min(text.length(), c.end() + 10)))
                    .find();
        if (ok) {
          priority[idx] = Math.min(priority[idx], rank);
        }
      }
      from = Math.max(m.end(), m.start() + 1);
      if (from > text.length()) {
        break;
      }
    }
  }

  private static int firstAtOrAfter(List<Candidate> sorted, int position) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid).start() < position) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < sorted.size() ? lo : -1;
  }

  private static String firstNonNull(Matcher m, String... groups) {
    for (String g : groups) {
      String v = m.group(g);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String groupName(Matcher m, String... groups) {
    for (String g : groups) {
      if (m.group(g) != null) {
        return g;
      }
    }
    return groups[0];
  }
}
