package dev.arbiter.verifier.code.spec;

import dev.arbiter.verifier.code.spec.Lexer.Token;
import dev.arbiter.verifier.code.spec.Lexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits Python assert tests into value probes: {@code assert <candidate> == <literal>[, msg]} (and
 * {@code !=}, ordering, {@code is None/True/False}, truthiness, {@code not}, {@code math.isclose},
 * {@code abs(x - lit) < tol}, {@code pytest.approx}), alone, in an MBPP-style list, or in a
 * HumanEval-style {@code def check(candidate):} body of such asserts (with imports and constant
 * assignments beside it). Any other shape runs in-process.
 */
final class PythonAsserts {

  private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");
  private static final Set<String> BLOCKERS =
      Set.of("and", "or", "if", "else", "lambda", "for", "yield", "await", ":=", "in");

  private final String src;
  private final TokenSpans spans;
  private final List<Token> t;

  private PythonAsserts(String src) {
    this.src = src;
    this.spans = new TokenSpans(src, Lexer.Lang.PYTHON, BLOCKERS);
    this.t = spans.tokens();
  }

  static AssertPlan plan(String snippet) {
    try {
      AssertPlan p = new PythonAsserts(snippet).split();
      return p != null ? p : AssertPlan.inProcess(snippet);
    } catch (IllegalArgumentException e) {
      return AssertPlan.inProcess(snippet);
    }
  }

  /** A logical line: tokens [from, to) and the column of its first token. */
  private record Line(int from, int to, int indent) {}

  private List<Line> lines() {
    List<Line> out = new ArrayList<>();
    int start = 0;
    for (int k = 0; k < t.size(); k++) {
      Type type = t.get(k).type();
      if (type == Type.NEWLINE || type == Type.END) {
        if (k > start) {
          out.add(new Line(start, k, column(t.get(start).start())));
        }
        start = k + 1;
      }
    }
    return out;
  }

  private int column(int offset) {
    int nl = src.lastIndexOf('\n', offset - 1);
    return offset - nl - 1;
  }

  private AssertPlan split() {
    List<Probe> probes = new ArrayList<>();
    StringBuilder setup = new StringBuilder();
    String param = null;
    String alias = "";
    boolean inCheck = false;
    for (Line line : lines()) {
      Token first = t.get(line.from());
      if (line.indent() > 0) {
        if (!inCheck) {
          return null;
        }
        if (!body(line, probes)) {
          return null;
        }
        continue;
      }
      inCheck = false;
      if (first.is("import") || first.is("from")) {
        setup.append(text(line.from(), line.to())).append('\n');
      } else if (first.is("def")) {
        if (param != null || !isCheckDef(line)) {
          return null;
        }
        param = t.get(line.from() + 3).text();
        inCheck = true;
      } else if (first.is("check") && param != null && isCall(line)) {
        if (!alias.isEmpty()) {
          return null;
        }
        alias = param + "=" + t.get(line.from() + 2).text();
      } else if (first.is("assert")) {
        Probe p = assertion(line.from() + 1, line.to());
        if (p == null) {
          return null;
        }
        probes.add(p);
      } else if (!constantAssignment(line)) {
        return null;
      }
    }
    if (probes.isEmpty() || (param != null && alias.isEmpty())) {
      return null;
    }
    return new AssertPlan(probes, null, setup.toString(), alias);
  }

  private boolean body(Line line, List<Probe> probes) {
    Token first = t.get(line.from());
    if (first.is("assert")) {
      Probe p = assertion(line.from() + 1, line.to());
      if (p == null) {
        return false;
      }
      probes.add(p);
      return true;
    }
    return first.is("pass") || (first.type() == Type.STRING && line.to() == line.from() + 1);
  }

  private boolean isCheckDef(Line l) {
    return l.to() - l.from() == 6
        && t.get(l.from() + 1).is("check")
        && t.get(l.from() + 2).is("(")
        && t.get(l.from() + 3).type() == Type.NAME
        && t.get(l.from() + 4).is(")")
        && t.get(l.from() + 5).is(":");
  }

  private boolean isCall(Line l) {
    return l.to() - l.from() == 4
        && t.get(l.from() + 1).is("(")
        && t.get(l.from() + 2).type() == Type.NAME
        && t.get(l.from() + 3).is(")");
  }

  private boolean constantAssignment(Line l) {
    return l.to() - l.from() >= 3
        && t.get(l.from()).type() == Type.NAME
        && t.get(l.from() + 1).is("=")
        && Literals.is(t, l.from() + 2, l.to(), Lexer.Lang.PYTHON);
  }

  private String text(int from, int to) {
    return spans.text(from, to);
  }

  /** The tokens after {@code assert}; null when the shape is not one the probes cover. */
  private Probe assertion(int from, int to) {
    int comma = topLevel(from, to, ",");
    int end = comma >= 0 ? comma : to;
    if (end <= from) {
      return null;
    }
    if (t.get(from).is("not")) {
      if (hasComparison(from + 1, end) || hasBlocker(from + 1, end)) {
        return null;
      }
      return new Probe(text(from + 1, end), Check.of(Check.Op.FALSY, null));
    }
    if (hasBlocker(from, end)) {
      return null;
    }
    List<Integer> ops = comparisons(from, end);
    if (ops.isEmpty()) {
      Probe close = isclose(from, end);
      return close != null ? close : new Probe(text(from, end), Check.of(Check.Op.TRUTHY, null));
    }
    if (ops.size() != 1) {
      return null;
    }
    int at = ops.get(0);
    Token op = t.get(at);
    int rightFrom = at + 1;
    if (op.is("is")) {
      boolean not = t.get(at + 1).is("not");
      rightFrom = not ? at + 2 : at + 1;
      Value v = literal(rightFrom, end);
      if (!(v instanceof Value.Nil || v instanceof Value.Bool) || at == from) {
        return null;
      }
      return new Probe(text(from, at), Check.of(not ? Check.Op.NE : Check.Op.EQ, v));
    }
    if (at == from || rightFrom >= end) {
      return null;
    }
    String o = op.text();
    Probe within = absWithin(from, at, o, rightFrom, end);
    if (within != null) {
      return within;
    }
    Value right = literal(rightFrom, end);
    if (right != null) {
      return new Probe(text(from, at), Check.of(op(o, false), right));
    }
    Value left = literal(from, at);
    if (left != null) {
      return new Probe(text(rightFrom, end), Check.of(op(o, true), left));
    }
    if (o.equals("==")) {
      return approx(from, at, rightFrom, end);
    }
    return null;
  }

  private static Check.Op op(String o, boolean flipped) {
    return switch (o) {
      case "==" -> Check.Op.EQ;
      case "!=" -> Check.Op.NE;
      case "<" -> flipped ? Check.Op.GT : Check.Op.LT;
      case "<=" -> flipped ? Check.Op.GE : Check.Op.LE;
      case ">" -> flipped ? Check.Op.LT : Check.Op.GT;
      default -> flipped ? Check.Op.LE : Check.Op.GE;
    };
  }

  /** {@code abs(E - L) < T}, {@code abs(L - E) <= T}. */
  private Probe absWithin(int from, int at, String o, int rightFrom, int end) {
    if (!(o.equals("<") || o.equals("<=")) || !t.get(from).is("abs") || !t.get(from + 1).is("(")) {
      return null;
    }
    int close = matching(from + 1);
    if (close != at - 1) {
      return null;
    }
    Value tol = literal(rightFrom, end);
    if (tol == null || Double.isNaN(Value.asDouble(tol))) {
      return null;
    }
    int minus = -1;
    int depth = 0;
    for (int k = from + 2; k < close; k++) {
      depth += depthChange(t.get(k));
      if (depth == 0 && t.get(k).is("-") && k > from + 2 && operand(t.get(k - 1))) {
        minus = k;
      }
    }
    if (minus < 0) {
      return null;
    }
    Check.Op op = o.equals("<") ? Check.Op.WITHIN : Check.Op.WITHIN_OR_EQUAL;
    Value right = literal(minus + 1, close);
    if (right != null && !(right instanceof Value.Bool)) {
      return new Probe(text(from + 2, minus), new Check(op, right, 0, Value.asDouble(tol)));
    }
    Value left = literal(from + 2, minus);
    if (left != null && !(left instanceof Value.Bool) && !hasTopLevelSum(minus + 1, close)) {
      return new Probe(text(minus + 1, close), new Check(op, left, 0, Value.asDouble(tol)));
    }
    return null;
  }

  /** {@code math.isclose(E, L[, rel_tol=..][, abs_tol=..])} or {@code isclose(...)}. */
  private Probe isclose(int from, int end) {
    int k = from;
    if (t.get(k).is("math") && t.get(k + 1).is(".")) {
      k += 2;
    }
    if (!t.get(k).is("isclose") || !t.get(k + 1).is("(") || matching(k + 1) != end - 1) {
      return null;
    }
    List<int[]> args = arguments(k + 1);
    if (args.size() < 2) {
      return null;
    }
    double rel = 1e-9;
    double abs = 0;
    for (int[] a : args.subList(2, args.size())) {
      if (!t.get(a[0]).is("rel_tol") && !t.get(a[0]).is("abs_tol")) {
        return null;
      }
      Value v = literal(a[0] + 2, a[1]);
      if (!t.get(a[0] + 1).is("=") || v == null) {
        return null;
      }
      if (t.get(a[0]).is("rel_tol")) {
        rel = Value.asDouble(v);
      } else {
        abs = Value.asDouble(v);
      }
    }
    int[] x = args.get(0);
    int[] y = args.get(1);
    Value right = literal(y[0], y[1]);
    if (right != null) {
      return new Probe(text(x[0], x[1]), new Check(Check.Op.CLOSE, right, rel, abs));
    }
    Value left = literal(x[0], x[1]);
    if (left != null) {
      return new Probe(text(y[0], y[1]), new Check(Check.Op.CLOSE, left, rel, abs));
    }
    return null;
  }

  /** {@code E == pytest.approx(L[, rel=..][, abs=..])} (either side). */
  private Probe approx(int from, int at, int rightFrom, int end) {
    Probe p = approxSide(rightFrom, end, from, at);
    return p != null ? p : approxSide(from, at, rightFrom, end);
  }

  private Probe approxSide(int from, int to, int candFrom, int candTo) {
    int k = from;
    if (t.get(k).is("pytest") && t.get(k + 1).is(".")) {
      k += 2;
    }
    if (!t.get(k).is("approx") || !t.get(k + 1).is("(") || matching(k + 1) != to - 1) {
      return null;
    }
    List<int[]> args = arguments(k + 1);
    if (args.isEmpty()) {
      return null;
    }
    Value v = literal(args.get(0)[0], args.get(0)[1]);
    if (v == null || Double.isNaN(Value.asDouble(v))) {
      return null;
    }
    double rel = 1e-6;
    double abs = 1e-12;
    for (int[] a : args.subList(1, args.size())) {
      Value x = literal(a[0] + 2, a[1]);
      if (x == null || !t.get(a[0] + 1).is("=")) {
        return null;
      }
      if (t.get(a[0]).is("rel")) {
        rel = Value.asDouble(x);
      } else if (t.get(a[0]).is("abs")) {
        abs = Value.asDouble(x);
      } else {
        return null;
      }
    }
    return new Probe(text(candFrom, candTo), new Check(Check.Op.CLOSE, v, rel, abs));
  }

  /** Argument token ranges of the call whose "(" is at {@code open}; none when it is unclosed. */
  private List<int[]> arguments(int open) {
    int close = matching(open);
    return close < 0 ? List.of() : spans.arguments(open, close);
  }

  private Value literal(int from, int to) {
    return spans.literal(from, to);
  }

  private int matching(int open) {
    int depth = 0;
    for (int k = open; k < t.size(); k++) {
      depth += depthChange(t.get(k));
      if (depth == 0) {
        return k;
      }
    }
    return -1;
  }

  static int depthChange(Token k) {
    if (k.type() != Type.OP) {
      return 0;
    }
    return switch (k.text()) {
      case "(", "[", "{" -> 1;
      case ")", "]", "}" -> -1;
      default -> 0;
    };
  }

  private static boolean operand(Token k) {
    return k.type() == Type.NAME
        || k.type() == Type.NUMBER
        || k.type() == Type.STRING
        || k.is(")")
        || k.is("]")
        || k.is("}");
  }

  private int topLevel(int from, int to, String op) {
    int depth = 0;
    for (int k = from; k < to; k++) {
      depth += depthChange(t.get(k));
      if (depth == 0 && t.get(k).is(op) && t.get(k).type() == Type.OP) {
        return k;
      }
    }
    return -1;
  }

  private List<Integer> comparisons(int from, int to) {
    List<Integer> out = new ArrayList<>();
    int depth = 0;
    for (int k = from; k < to; k++) {
      Token x = t.get(k);
      depth += depthChange(x);
      if (depth == 0 && ((x.type() == Type.OP && COMPARISONS.contains(x.text())) || x.is("is"))) {
        out.add(k);
      }
    }
    return out;
  }

  private boolean hasComparison(int from, int to) {
    return !comparisons(from, to).isEmpty();
  }

  private boolean hasBlocker(int from, int to) {
    int depth = 0;
    for (int k = from; k < to; k++) {
      Token x = t.get(k);
      depth += depthChange(x);
      if (x.type() == Type.DYNAMIC) {
        return true;
      }
      if (depth == 0
          && ((x.type() == Type.OP || x.type() == Type.NAME) && BLOCKERS.contains(x.text())
              || (x.is("not") && k > from && !t.get(k - 1).is("is")))) {
        return true;
      }
    }
    return false;
  }

  private boolean hasTopLevelSum(int from, int to) {
    int depth = 0;
    for (int k = from; k < to; k++) {
      depth += depthChange(t.get(k));
      if (depth == 0 && k > from && (t.get(k).is("+") || t.get(k).is("-"))) {
        return true;
      }
    }
    return false;
  }
}
