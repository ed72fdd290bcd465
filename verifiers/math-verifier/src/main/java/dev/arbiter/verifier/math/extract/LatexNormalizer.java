package dev.arbiter.verifier.math.extract;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites an extracted answer into the dialect {@code MathLatex.g4} parses: drops sizing and
 * spacing commands, unwraps boxes, maps {@code \dfrac}/{@code \tfrac}, {@code \mathrm}, unicode
 * operators, degrees, currency and unit words, repairs malformed shorthand ({@code \frac12}, {@code
 * \sqrt3}) and thousands separators ({@code 14{,}916}, {@code 11,\!111}). Stateless and
 * thread-safe.
 */
public final class LatexNormalizer {

  private static final String UNIT_WORDS =
      "(?:units?|cm|mm|km|kg|mg|ml|meters?|metres?|miles?|inch(?:es)?|feet|foot|ft|yards?|"
          + "hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|"
          + "dollars?|cents?|yuan|euros?|pounds?|grams?|kilograms?|liters?|litres?|degrees?|"
          + "square|sq|cubic|mph|km/h|people|students?|apples?|pages?|points?|ways?|times?)";
  private static final Pattern TEXT_UNITS =
      Pattern.compile(
          "\\\\(?:text|mbox|textnormal|textbf|textit|mathrm)\\{\\s*"
              + UNIT_WORDS
              + "(?:\\s+"
              + UNIT_WORDS
              + ")*\\s*\\}(?:\\^\\{?[23]\\}?)?");
  private static final Pattern PLAIN_UNITS =
      Pattern.compile("(?<=[\\d}])\\s*" + UNIT_WORDS + "(?:\\^\\{?[23]\\}?|²|³)?(?![a-zA-Z])");
  private static final Pattern SIZING =
      Pattern.compile(
          "\\\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg)(?![a-zA-Z])\\s*\\.?");
  private static final Pattern SPACING =
      Pattern.compile(
          "\\\\(?:qquad|quad|displaystyle|textstyle|limits|nonumber|hfill)|(?<!\\\\)\\\\[,;:! ]|~");
  private static final Pattern TEXT_COMMANDS =
      Pattern.compile(
          "\\\\(?:textbf|textit|textnormal|textrm|mbox|mathbf|mathit|mathrm|operatorname|texttt|textsf|mathsf|mathbb|mathcal)\\s*\\{");
  private static final Pattern MATRIX_BEGIN =
      Pattern.compile(
          "\\\\begin\\{(?:pmatrix|bmatrix|Bmatrix|vmatrix|Vmatrix|matrix|smallmatrix|array)\\}(?:\\{[lcr|\\s]*\\})?");
  private static final Pattern MATRIX_END =
      Pattern.compile(
          "\\\\end\\{(?:pmatrix|bmatrix|Bmatrix|vmatrix|Vmatrix|matrix|smallmatrix|array)\\}");
  private static final Pattern WRAPPED_MATRIX =
      Pattern.compile("^[(\\[]\\s*(\\\\matbegin.*\\\\matend)\\s*[)\\]]$", Pattern.DOTALL);
  private static final Pattern FRAC_DIGITS = Pattern.compile("\\\\([dtc]?frac)\\s*(\\d)\\s*(\\d)");
  private static final Pattern FRAC_DIGIT_BRACE =
      Pattern.compile("\\\\([dtc]?frac)\\s*(\\d)\\s*\\{");
  private static final Pattern FRAC_BRACE_DIGIT =
      Pattern.compile("\\\\([dtc]?frac)(\\s*\\{[^{}]*\\})\\s*(\\d)");
  private static final Pattern FRAC_LETTERS =
      Pattern.compile("\\\\([dtc]?frac)\\s*([a-zA-Z0-9])\\s*([a-zA-Z0-9])");
  private static final Pattern SQRT_SHORT = Pattern.compile("\\\\sqrt\\s*([0-9a-zA-Z])");
  private static final Pattern THOUSANDS_BRACE =
      Pattern.compile("(?<=\\d)\\s*\\{\\s*,\\s*\\}\\s*(?=\\d{3})");
  private static final Pattern THOUSANDS_THIN = Pattern.compile("(?<=\\d),\\\\!\\s*(?=\\d{3})");
  private static final Pattern THOUSANDS_PLAIN =
      Pattern.compile("(?<![\\d.,(\\[{])([1-9]\\d{0,2})((?:,\\d{3})+)(?![\\d,])");
  private static final Pattern DEGREES =
      Pattern.compile("\\^\\s*\\{?\\s*\\\\circ\\s*\\}?|\\\\circ|°|\\\\degree");
  // "or" becomes \lor (the parser keeps a disjunction of relations for the comparison), "and" and
  // \text{,} become ";" (a group separator), in one pass.
  private static final Pattern AND_OR =
      Pattern.compile(
          "(,?\\s*(?:\\\\text\\{\\s*or\\s*\\}|(?<![a-zA-Z\\\\])or(?![a-zA-Z])))"
              + "|\\\\text\\{\\s*(?:and|,)\\s*\\}|(?<![a-zA-Z\\\\])and(?![a-zA-Z])");
  private static final Pattern DOUBLE_BACKSLASH_COMMAND =
      Pattern.compile(
          "\\\\\\\\(?=(?:d?t?frac|sqrt|left|right|text|boxed|cdot|pi|infty|times|le|ge|ne)\\b)");
  private static final Pattern PERCENT_WORDS =
      Pattern.compile("(?<=[\\d}])\\s*(?:percentage|percent|pct)(?![a-zA-Z])");
  private static final Pattern REPEATED_SEPARATORS = Pattern.compile(",(\\s*,)+");

  private static final Pattern SEPARATOR_AROUND_SEMICOLON = Pattern.compile(",\\s*;|;\\s*,");
  private static final Pattern MATHRM_CONSTANT = Pattern.compile("\\\\mathrm\\{\\s*([eid])\\s*\\}");
  private static final Pattern TEXT_LETTER = Pattern.compile("\\\\text\\{\\s*([a-zA-Z])\\s*\\}");
  private static final Pattern TEXT_NUMBER =
      Pattern.compile("\\\\text\\{\\s*(-?\\d+(?:\\.\\d+)?)\\s*\\}");
  private static final Pattern TEXT_EMPTY = Pattern.compile("\\\\text\\{\\s*\\}");
  private static final Pattern EDGE_SEPARATORS = Pattern.compile("^[,;\\s]+|[,;\\s]+$");
  private static final Pattern ROW_BEFORE_END =
      Pattern.compile("\\\\\\\\\\s*(\\\\hline\\s*)?\\\\matend");

  private final boolean malformedOperators;
  private final boolean units;

  public LatexNormalizer(boolean malformedOperators, boolean units) {
    this.malformedOperators = malformedOperators;
    this.units = units;
  }

  public String normalize(String latex) {
    String s = latex.strip();
    s = boxedOnly(s);
    s = replaceUnicode(s);
    s = DOUBLE_BACKSLASH_COMMAND.matcher(s).replaceAll("\\\\");
    s = THOUSANDS_BRACE.matcher(s).replaceAll("");
    s = THOUSANDS_THIN.matcher(s).replaceAll("");
    s = SIZING.matcher(s).replaceAll("");
    s = s.replace("\\lbrace", "\\{").replace("\\rbrace", "\\}");
    s = s.replace("\\$", "").replace("$", "");
    if (units) {
      s = TEXT_UNITS.matcher(s).replaceAll(" ");
      s = PLAIN_UNITS.matcher(s).replaceAll(" ");
    }
    s = PERCENT_WORDS.matcher(s).replaceAll("\\\\%");
    s = AND_OR.matcher(s).replaceAll(m -> m.group(1) != null ? " \\\\lor " : ";");
    s = SEPARATOR_AROUND_SEMICOLON.matcher(s).replaceAll(";");
    s = SPACING.matcher(s).replaceAll(" ");
    s = DEGREES.matcher(s).replaceAll("");
    s = MATHRM_CONSTANT.matcher(s).replaceAll("$1");
    s = TEXT_COMMANDS.matcher(s).replaceAll("\\\\text{");
    s = TEXT_LETTER.matcher(s).replaceAll("$1");
    s = TEXT_NUMBER.matcher(s).replaceAll("$1");
    s = TEXT_EMPTY.matcher(s).replaceAll(" ");
    s = MATRIX_BEGIN.matcher(s).replaceAll("\\\\matbegin ");
    s = MATRIX_END.matcher(s).replaceAll(" \\\\matend");
    s = ROW_BEFORE_END.matcher(s).replaceAll(" \\\\matend").replace("\\hline", " ");
    if (malformedOperators) {
      s = repairShorthand(s);
    }
    s = THOUSANDS_PLAIN.matcher(s).replaceAll(m -> m.group(1) + m.group(2).replace(",", ""));
    s = REPEATED_SEPARATORS.matcher(s).replaceAll(",");
    s = s.strip();
    s = stripTrailingPunctuation(s);
    s = EDGE_SEPARATORS.matcher(s).replaceAll("").strip();
    Matcher wrapped = WRAPPED_MATRIX.matcher(s);
    if (wrapped.matches()) {
      s = wrapped.group(1);
    }
    return s;
  }

  /** Math-Verify's boxed="all": a text with boxes stands for its boxes' contents, joined. */
  private static String boxedOnly(String s) {
    List<BoxUnwrapper.Box> boxes = BoxUnwrapper.find(s);
    if (boxes.isEmpty()) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    for (BoxUnwrapper.Box b : boxes) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(BoxUnwrapper.unwrapAll(b.content()));
    }
    return sb.toString();
  }

  private static String repairShorthand(String s) {
    String prev;
    do {
      prev = s;
      s = FRAC_DIGITS.matcher(s).replaceAll("\\\\$1{$2}{$3}");
      s = FRAC_DIGIT_BRACE.matcher(s).replaceAll("\\\\$1{$2}{");
      s = FRAC_BRACE_DIGIT.matcher(s).replaceAll("\\\\$1$2{$3}");
      s = FRAC_LETTERS.matcher(s).replaceAll("\\\\$1{$2}{$3}");
    } while (!s.equals(prev));
    return SQRT_SHORT.matcher(s).replaceAll("\\\\sqrt{$1}");
  }

  private static String stripTrailingPunctuation(String s) {
    String out = s;
    while (!out.isEmpty()) {
      char c = out.charAt(out.length() - 1);
      if (c == '.' || c == ',' || c == ';' || c == ' ' || c == '\n') {
        out = out.substring(0, out.length() - 1);
      } else if (out.endsWith("\\\\")) {
        out = out.substring(0, out.length() - 2);
      } else {
        break;
      }
    }
    return out;
  }

  private static String replaceUnicode(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\u2212', '\u2013', '\u2014' -> sb.append('-');
        case '\u00d7' -> sb.append("\\times ");
        case '\u00f7' -> sb.append("\\div ");
        case '\u00b7', '\u22c5' -> sb.append("\\cdot ");
        case '\u2264' -> sb.append("\\le ");
        case '\u2265' -> sb.append("\\ge ");
        case '\u2260' -> sb.append("\\ne ");
        case '\u03c0' -> sb.append("\\pi ");
        case '\u221e' -> sb.append("\\infty ");
        case '\u221a' -> sb.append("\\sqrt");
        case '\u00b2' -> sb.append("^2");
        case '\u00b3' -> sb.append("^3");
        case '\u2208' -> sb.append("\\in ");
        case '\u222a' -> sb.append("\\cup ");
        case '\u00b1' -> sb.append("\\pm ");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
