package dev.arbiter.verifier.code.spec;

import dev.arbiter.verifier.code.spec.Lexer.Token;
import dev.arbiter.verifier.code.spec.Lexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits C++ assert statements into value probes: {@code assert(<candidate> == <literal>);} (and
 * {@code !=}, ordering, truthiness, {@code !x}, {@code abs/fabs(x - lit) < tol}), alone or in a
 * MultiPL-E style {@code int main() { auto candidate = f; ... }}. Other shapes run in-process, with
 * {@code assert} replaced by the harness's own check.
 */
final class CppAsserts {

  private static final Map<String, Check.Op> OPERATORS =
      Map.of(
          "==", Check.Op.EQ,
          "!=", Check.Op.NE,
          "<", Check.Op.LT,
          "<=", Check.Op.LE,
          ">", Check.Op.GT,
          ">=", Check.Op.GE);
  private static final Set<String> BLOCKERS = Set.of("&&", "||", "?", "=", ",");
  private static final Set<String> ABS = Set.of("abs", "fabs", "fabsl", "llabs", "labs");

  private final String src;
  private final TokenSpans spans;
  private final List<Token> t;
  private int i;
  private final List<Probe> probes = new ArrayList<>();
  private String alias = "";
  private int bodyFrom = -1;
  private int bodyTo = -1;

  private CppAsserts(String src) {
    this.src = src;
    this.spans = new TokenSpans(src, Lexer.Lang.CPP, BLOCKERS);
    this.t = spans.tokens();
  }

  static AssertPlan plan(String snippet) {
    CppAsserts p;
    try {
      p = new CppAsserts(snippet);
    } catch (IllegalArgumentException e) {
      return AssertPlan.inProcess(snippet);
    }
    try {
      if (p.statements() && !p.probes.isEmpty()) {
        return new AssertPlan(p.probes, null, "", p.alias);
      }
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      // not a shape the probes cover
    }
    return AssertPlan.inProcess(p.inProcessCode());
  }

  /**
   * The snippet for the in-process harness: the body of a {@code main} wrapper if any, with every
   * {@code assert(} turned into {@code __ARBITER_CHECK(} (the harness's check, not the macro).
   */
  private String inProcessCode() {
    int from = bodyFrom >= 0 ? t.get(bodyFrom).start() : 0;
    int to = bodyTo >= 0 ? t.get(bodyTo).start() : src.length();
    StringBuilder b = new StringBuilder();
    int at = from;
    for (int k = 0; k < t.size() - 1; k++) {
      Token x = t.get(k);
      if (x.start() >= from && x.end() <= to && x.is("assert") && t.get(k + 1).is("(")) {
        b.append(src, at, x.start()).append("__ARBITER_CHECK");
        at = x.end();
      }
    }
    return b.append(src, at, to).toString();
  }

  private Token peek() {
    return t.get(i);
  }

  private boolean statements() {
    while (true) {
      while (peek().type() == Type.NEWLINE || peek().is(";")) {
        i++;
      }
      if (peek().type() == Type.END) {
        return true;
      }
      if (!statement()) {
        return false;
      }
    }
  }

  private boolean statement() {
    if (peek().is("int") && t.get(i + 1).is("main") && t.get(i + 2).is("(")) {
      int close = spans.matching(i + 2);
      if (!t.get(close + 1).is("{") || bodyFrom >= 0) {
        return false;
      }
      bodyFrom = close + 2;
      bodyTo = spans.matching(close + 1);
      i = bodyFrom;
      return true;
    }
    if (peek().is("}") && i == bodyTo) {
      i++;
      return true;
    }
    if (peek().is("auto")
        && t.get(i + 1).type() == Type.NAME
        && t.get(i + 2).is("=")
        && t.get(i + 3).type() == Type.NAME
        && t.get(i + 4).is(";")
        && alias.isEmpty()) {
      alias = t.get(i + 1).text() + "=" + t.get(i + 3).text();
      i += 5;
      return true;
    }
    if (peek().is("return") && bodyFrom >= 0) {
      return t.get(i + 1).type() == Type.NUMBER && t.get(i + 2).is(";") && (i += 3) > 0;
    }
    if (!peek().is("assert") || !t.get(i + 1).is("(")) {
      return false;
    }
    int close = spans.matching(i + 1);
    Probe p = condition(i + 2, close);
    if (p == null || !t.get(close + 1).is(";")) {
      return false;
    }
    probes.add(p);
    i = close + 2;
    return true;
  }

  private Probe condition(int from, int to) {
    while (t.get(from).is("(") && spans.matching(from) == to - 1) {
      from++;
      to--;
    }
    if (spans.blocked(from, to)) {
      return null;
    }
    if (t.get(from).is("!") && !t.get(from + 1).is("!")) {
      if (!comparisons(from + 1, to).isEmpty()) {
        return null;
      }
      return new Probe(spans.text(from + 1, to), Check.of(Check.Op.FALSY, null));
    }
    List<Integer> ops = comparisons(from, to);
    if (ops.isEmpty()) {
      return new Probe(spans.text(from, to), Check.of(Check.Op.TRUTHY, null));
    }
    if (ops.size() != 1) {
      return null;
    }
    int at = ops.get(0);
    String o = t.get(at).text();
    Probe within = within(from, at, o, at + 1, to);
    if (within != null) {
      return within;
    }
    return spans.literalSide(from, at, to, OPERATORS.get(o));
  }

  /** {@code std::abs(E - L) < T} and the like. */
  private Probe within(int from, int at, String o, int rightFrom, int to) {
    int k = from;
    if (t.get(k).is("std") && t.get(k + 1).is("::")) {
      k += 2;
    }
    if (!(o.equals("<") || o.equals("<="))
        || !ABS.contains(t.get(k).text())
        || !t.get(k + 1).is("(")
        || spans.matching(k + 1) != at - 1) {
      return null;
    }
    Value tol = spans.literal(rightFrom, to);
    if (tol == null || Double.isNaN(Value.asDouble(tol))) {
      return null;
    }
    int close = at - 1;
    int minus = -1;
    int depth = 0;
    for (int j = k + 2; j < close; j++) {
      depth += PythonAsserts.depthChange(t.get(j));
      if (depth == 0 && t.get(j).is("-") && j > k + 2) {
        minus = j;
      }
    }
    if (minus < 0) {
      return null;
    }
    Check.Op op = o.equals("<") ? Check.Op.WITHIN : Check.Op.WITHIN_OR_EQUAL;
    Value right = spans.literal(minus + 1, close);
    if (right != null && !(right instanceof Value.Bool)) {
      return new Probe(spans.text(k + 2, minus), new Check(op, right, 0, Value.asDouble(tol)));
    }
    return null;
  }

  private List<Integer> comparisons(int from, int to) {
    List<Integer> out = new ArrayList<>();
    int depth = 0;
    int angle = 0;
    for (int k = from; k < to; k++) {
      Token x = t.get(k);
      depth += PythonAsserts.depthChange(x);
      if (x.is(">>") && angle >= 2) {
        angle -= 2;
        continue;
      }
      if (depth == 0 && x.type() == Type.OP && OPERATORS.containsKey(x.text())) {
        if (x.is("<")
            && k > from
            && t.get(k - 1).type() == Type.NAME
            && templateName(t.get(k - 1))) {
          angle++;
          continue;
        }
        if (x.is(">") && angle > 0) {
          angle--;
          continue;
        }
        out.add(k);
      }
    }
    return out;
  }

  private static boolean templateName(Token k) {
    return Set.of(
            "vector",
            "string",
            "pair",
            "tuple",
            "map",
            "set",
            "array",
            "optional",
            "static_cast",
            "make_pair",
            "make_tuple",
            "unordered_map",
            "unordered_set",
            "deque",
            "list",
            "function",
            "reinterpret_cast",
            "const_cast")
        .contains(k.text());
  }
}
