package dev.arbiter.verifier.code.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits Bash tests into value probes: each line (or {@code &&}-joined part) one of {@code [
 * "$(cmd)" = "x" ]}, {@code [[ $(cmd) == x ]]}, {@code test "$(cmd)" != x}, {@code [ "$(cmd)" -eq 5
 * ]} (and {@code -ne -lt -le -gt -ge}), optionally followed by {@code || exit 1}. Bash has no
 * private memory, so there is no in-process fallback: any other shape is a bad reference.
 */
final class BashAsserts {

  private static final Pattern TEST =
      Pattern.compile(
          "(?:\\[\\[\\s+(?<a1>.+?)\\s+(?<op1>==?|!=|-eq|-ne|-lt|-le|-gt|-ge)\\s+(?<b1>.+?)\\s+\\]\\]"
              + "|\\[\\s+(?<a2>.+?)\\s+(?<op2>==?|!=|-eq|-ne|-lt|-le|-gt|-ge)\\s+(?<b2>.+?)\\s+\\]"
              + "|test\\s+(?<a3>.+?)\\s+(?<op3>==?|!=|-eq|-ne|-lt|-le|-gt|-ge)\\s+(?<b3>.+?))"
              + "(?:\\s*\\|\\|\\s*(?:exit|return)(?:\\s+\\d+)?)?\\s*;?");
  private static final Pattern COMMAND = Pattern.compile("\"?\\$\\((?<cmd>.+)\\)\"?");
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_.,:/+@%-]*");
  private static final Map<String, Check.Op> INT_OPS =
      Map.of(
          "-eq", Check.Op.INT_EQ,
          "-ne", Check.Op.INT_NE,
          "-lt", Check.Op.INT_LT,
          "-le", Check.Op.INT_LE,
          "-gt", Check.Op.INT_GT,
          "-ge", Check.Op.INT_GE);

  static final String FORMS =
      "bash assert tests must be lines of [ \"$(cmd)\" = \"text\" ], [[ $(cmd) == text ]],"
          + " test \"$(cmd)\" != text or [ \"$(cmd)\" -eq N ] (-ne -lt -le -gt -ge), joined by"
          + " && or followed by || exit 1";

  private BashAsserts() {}

  /** The probes of {@code snippet}; throws {@link IllegalArgumentException} for other shapes. */
  static AssertPlan plan(String snippet) {
    List<Probe> probes = new ArrayList<>();
    for (String raw : snippet.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      for (String part : line.split("\\s+&&\\s+")) {
        probes.add(test(part.strip()));
      }
    }
    if (probes.isEmpty()) {
      throw new IllegalArgumentException(FORMS);
    }
    return new AssertPlan(probes, null, "", "");
  }

  private static Probe test(String part) {
    Matcher m = TEST.matcher(part);
    if (!m.matches()) {
      throw new IllegalArgumentException(FORMS + "; got: " + part);
    }
    int g = m.group("a1") != null ? 1 : m.group("a2") != null ? 2 : 3;
    boolean doubleBracket = g == 1;
    String a = m.group("a" + g);
    String op = m.group("op" + g);
    String b = m.group("b" + g);
    Matcher cmd = COMMAND.matcher(a);
    String expected = b;
    if (!cmd.matches()) {
      cmd = COMMAND.matcher(b);
      expected = a;
      if (!cmd.matches()) {
        throw new IllegalArgumentException(FORMS + "; no $(cmd) side in: " + part);
      }
    }
    String word = word(expected, doubleBracket && !op.startsWith("-"));
    Check check;
    if (op.startsWith("-")) {
      if (!word.strip().matches("[-+]?[0-9]{1,30}")) {
        throw new IllegalArgumentException("'" + op + "' needs an integer, got: " + expected);
      }
      String n = word.strip();
      check =
          Check.of(
              INT_OPS.get(op),
              new Value.Int(new java.math.BigInteger(n.startsWith("+") ? n.substring(1) : n)));
    } else {
      check = Check.of(op.equals("!=") ? Check.Op.NE : Check.Op.EQ, new Value.Str(word));
    }
    return new Probe(cmd.group("cmd"), check);
  }

  /** The text of a literal word: quoted without expansions, or bare (no glob in [[ ]]). */
  private static String word(String w, boolean pattern) {
    if (w.length() >= 2
        && w.startsWith("'")
        && w.endsWith("'")
        && w.indexOf('\'', 1) == w.length() - 1) {
      return w.substring(1, w.length() - 1);
    }
    if (w.length() >= 2 && w.startsWith("\"") && w.endsWith("\"")) {
      String inner = w.substring(1, w.length() - 1);
      if (inner.matches("[^$`\\\\\"]*")) {
        return inner;
      }
      throw new IllegalArgumentException("expected side must be a constant, got: " + w);
    }
    if (BARE.matcher(w).matches() && !(pattern && w.matches(".*[*?\\[].*"))) {
      return w;
    }
    throw new IllegalArgumentException("expected side must be a constant, got: " + w);
  }
}
