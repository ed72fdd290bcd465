package dev.arbiter.verifier.code.spec;

import dev.arbiter.verifier.code.spec.Lexer.Token;
import dev.arbiter.verifier.code.spec.Lexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits JavaScript assert tests into value probes: {@code
 * assert.strictEqual/deepStrictEqual/equal/ deepEqual/notStrictEqual/notEqual(actual, literal)},
 * {@code assert(a === b)}, {@code assert.ok}, {@code console.assert}, alone or in a MultiPL-E style
 * {@code function test() { let candidate = f; ... } test();}, with {@code require} statements
 * beside them. Other shapes run in-process.
 */
final class JsAsserts {

  private static final Map<String, Check.Op> METHODS =
      Map.of(
          "strictEqual", Check.Op.EQ,
          "deepStrictEqual", Check.Op.EQ,
          "equal", Check.Op.LOOSE_EQ,
          "deepEqual", Check.Op.LOOSE_EQ,
          "notStrictEqual", Check.Op.NE,
          "notDeepStrictEqual", Check.Op.NE,
          "notEqual", Check.Op.LOOSE_NE,
          "notDeepEqual", Check.Op.LOOSE_NE);
  private static final Map<String, Check.Op> OPERATORS =
      Map.of(
          "===", Check.Op.EQ,
          "!==", Check.Op.NE,
          "==", Check.Op.LOOSE_EQ,
          "!=", Check.Op.LOOSE_NE,
          "<", Check.Op.LT,
          "<=", Check.Op.LE,
          ">", Check.Op.GT,
          ">=", Check.Op.GE);
  private static final Set<String> BLOCKERS = Set.of("&&", "||", "?", "??", "=>", "=", ",");

  private final String src;
  private final TokenSpans spans;
  private final List<Token> t;
  private int i;
  private final List<Probe> probes = new ArrayList<>();
  private final StringBuilder setup = new StringBuilder();
  private String alias = "";
  private final List<String> wrappers = new ArrayList<>();

  private JsAsserts(String src) {
    this.src = src;
    this.spans = new TokenSpans(src, Lexer.Lang.JAVASCRIPT, BLOCKERS);
    this.t = spans.tokens();
  }

  static AssertPlan plan(String snippet) {
    try {
      JsAsserts p = new JsAsserts(snippet);
      if (p.statements(t -> t.type() == Type.END) && !p.probes.isEmpty() && p.wrappers.isEmpty()) {
        return new AssertPlan(p.probes, null, p.setup.toString(), p.alias);
      }
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      // not a shape the probes cover
    }
    return AssertPlan.inProcess(snippet);
  }

  private Token peek() {
    return t.get(i);
  }

  private void skipSeparators() {
    while (peek().type() == Type.NEWLINE || peek().is(";")) {
      i++;
    }
  }

  /** Statements until {@code stop}; false when one is not understood. */
  private boolean statements(java.util.function.Predicate<Token> stop) {
    while (true) {
      skipSeparators();
      if (stop.test(peek())) {
        return true;
      }
      if (peek().type() == Type.END || !statement()) {
        return false;
      }
    }
  }

  private boolean statement() {
    Token k = peek();
    if (k.is("const") || k.is("let") || k.is("var")) {
      return declaration();
    }
    if (k.is("function")) {
      return wrapper();
    }
    if (k.type() == Type.NAME && t.get(i + 1).is("(") && wrappers.contains(k.text())) {
      int close = spans.matching(i + 1);
      if (close != i + 2) {
        return false;
      }
      wrappers.remove(k.text());
      i = close + 1;
      return true;
    }
    return assertion();
  }

  /** {@code const x = require('...')} (setup) or {@code let candidate = f} (inside a wrapper). */
  private boolean declaration() {
    int start = i;
    Token name = t.get(i + 1);
    if (!t.get(i + 2).is("=")) {
      return false;
    }
    Token value = t.get(i + 3);
    if (value.is("require") && t.get(i + 4).is("(")) {
      int close = spans.matching(i + 4);
      int end = close + 1;
      while (t.get(end).is(".") && t.get(end + 1).type() == Type.NAME) {
        end += 2;
      }
      i = end;
      setup.append(src, t.get(start).start(), t.get(end - 1).end()).append(";\n");
      return name.type() == Type.NAME;
    }
    if (name.type() == Type.NAME
        && value.type() == Type.NAME
        && ends(t.get(i + 4))
        && alias.isEmpty()) {
      alias = name.text() + "=" + value.text();
      i += 4;
      return true;
    }
    return false;
  }

  private static boolean ends(Token k) {
    return k.is(";") || k.type() == Type.NEWLINE || k.type() == Type.END || k.is("}");
  }

  /** {@code function test() { ... }}: its body is read here; a later {@code test();} runs it. */
  private boolean wrapper() {
    Token name = t.get(i + 1);
    if (name.type() != Type.NAME
        || !t.get(i + 2).is("(")
        || !t.get(i + 3).is(")")
        || !t.get(i + 4).is("{")) {
      return false;
    }
    int close = spans.matching(i + 4);
    i += 5;
    int end = close;
    if (!statements(k -> i == end)) {
      return false;
    }
    i = close + 1;
    wrappers.add(name.text());
    return true;
  }

  private boolean assertion() {
    int start = i;
    int open;
    Check.Op method = null;
    if (peek().is("assert") && t.get(i + 1).is("(")) {
      open = i + 1;
    } else if ((peek().is("assert") || peek().is("console"))
        && t.get(i + 1).is(".")
        && t.get(i + 3).is("(")) {
      String m = t.get(i + 2).text();
      boolean console = peek().is("console");
      if (console ? !m.equals("assert") : !(m.equals("ok") || METHODS.containsKey(m))) {
        return false;
      }
      method = console || m.equals("ok") ? null : METHODS.get(m);
      open = i + 3;
    } else {
      return false;
    }
    int close = spans.matching(open);
    List<int[]> args = spans.arguments(open, close);
    i = close + 1;
    if (!ends(peek()) || args.isEmpty()) {
      return false;
    }
    Probe p = method != null ? pair(method, args) : condition(args.get(0)[0], args.get(0)[1]);
    if (p == null) {
      return false;
    }
    probes.add(p);
    return start < i;
  }

  private Probe pair(Check.Op op, List<int[]> args) {
    if (args.size() < 2 || args.size() > 3) {
      return null;
    }
    int[] a = args.get(0);
    int[] b = args.get(1);
    Value expected = spans.literal(b[0], b[1]);
    if (expected != null && !spans.blocked(a[0], a[1])) {
      return new Probe(spans.text(a[0], a[1]), Check.of(op, expected));
    }
    Value first = spans.literal(a[0], a[1]);
    if (first != null && !spans.blocked(b[0], b[1])) {
      return new Probe(spans.text(b[0], b[1]), Check.of(op, first));
    }
    return null;
  }

  private Probe condition(int from, int to) {
    if (t.get(from).is("!") && !t.get(from + 1).is("!")) {
      if (spans.blocked(from + 1, to) || !comparisons(from + 1, to).isEmpty()) {
        return null;
      }
      return new Probe(spans.text(from + 1, to), Check.of(Check.Op.JS_FALSY, null));
    }
    if (spans.blocked(from, to)) {
      return null;
    }
    List<Integer> ops = comparisons(from, to);
    if (ops.isEmpty()) {
      return new Probe(spans.text(from, to), Check.of(Check.Op.JS_TRUTHY, null));
    }
    if (ops.size() != 1) {
      return null;
    }
    int at = ops.get(0);
    String o = t.get(at).text();
    return spans.literalSide(from, at, to, OPERATORS.get(o));
  }

  private List<Integer> comparisons(int from, int to) {
    List<Integer> out = new ArrayList<>();
    int depth = 0;
    for (int k = from; k < to; k++) {
      Token x = t.get(k);
      depth += PythonAsserts.depthChange(x);
      if (depth == 0 && x.type() == Type.OP && OPERATORS.containsKey(x.text())) {
        out.add(k);
      }
    }
    return out;
  }
}
