package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Abs;
import dev.arbiter.verifier.math.ast.Expr.Add;
import dev.arbiter.verifier.math.ast.Expr.Constant;
import dev.arbiter.verifier.math.ast.Expr.Div;
import dev.arbiter.verifier.math.ast.Expr.Func;
import dev.arbiter.verifier.math.ast.Expr.Interval;
import dev.arbiter.verifier.math.ast.Expr.Matrix;
import dev.arbiter.verifier.math.ast.Expr.Mul;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.Num;
import dev.arbiter.verifier.math.ast.Expr.Percent;
import dev.arbiter.verifier.math.ast.Expr.PlusMinus;
import dev.arbiter.verifier.math.ast.Expr.Pow;
import dev.arbiter.verifier.math.ast.Expr.Ratio;
import dev.arbiter.verifier.math.ast.Expr.Rel;
import dev.arbiter.verifier.math.ast.Expr.Root;
import dev.arbiter.verifier.math.ast.Expr.SetOf;
import dev.arbiter.verifier.math.ast.Expr.Sym;
import dev.arbiter.verifier.math.ast.Expr.Text;
import dev.arbiter.verifier.math.ast.Expr.Tuple;
import dev.arbiter.verifier.math.ast.Expr.Union;
import dev.arbiter.verifier.math.parse.CanonicalPrinter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a predicted answer equals the gold answer, in Math-Verify's order: relation
 * unwrapping (assignments, approximations, {@code x \in S}), canonical-form identity, relations,
 * sets/tuples/intervals/matrices, symbols and text, then values: exact rationals, rounded floats, a
 * numeric identity test at seeded random points, and finally Symja. Stateless and thread-safe;
 * checks the thread's interrupt flag so a caller can abandon it.
 */
public final class EquivalenceChecker {

  private static final int POINTS = 6;
  private static final int NEGATIVE_POINTS = 2;
  private static final double REL_TOLERANCE = 1e-9;
  private static final int MAX_ELEMENTS = 200;
  private static final Set<String> ORDER_OPS = Set.of("<", ">", "<=", ">=");

  private final SymbolicSimplifier simplifier;

  public EquivalenceChecker(SymbolicSimplifier simplifier) {
    this.simplifier = simplifier;
  }

  public Verdict compare(Expr gold, Expr pred, ComparisonOptions options) {
    Expr g = expandPlusMinus(gold);
    Expr p = expandPlusMinus(pred);
    if (!options.strict()) {
      p = renameLike(p, g);
    }
    return verdict(g, p, options);
  }

  private Verdict verdict(Expr goldIn, Expr predIn, ComparisonOptions o) {
    checkInterrupted();
    Expr gold = StructureFolder.fold(simplifyRelation(goldIn));
    Expr pred = StructureFolder.fold(simplifyRelation(predIn));
    boolean goldAssign = isAssignment(gold);
    boolean predAssign = isAssignment(pred);
    boolean goldEq = isEquation(gold);
    boolean predEq = isEquation(pred);
    if (goldAssign) {
      gold = firstLhsLastRhs((Rel) gold);
    }
    if (predAssign) {
      pred = firstLhsLastRhs((Rel) pred);
    }
    if (predEq && !goldEq) {
      pred = lastRhs((Rel) pred);
    } else if (goldAssign && !predEq) {
      gold = lastRhs((Rel) gold);
    }
    if (isRelation(gold) && isSetLike(pred)) {
      gold = asSet((Rel) gold);
    }
    if (o.allowSetRelationComparison() && isRelation(pred) && isSetLike(gold)) {
      pred = asSet((Rel) pred);
    }
    if (CanonicalPrinter.print(gold).equals(CanonicalPrinter.print(pred))) {
      return Verdict.yes("identical after normalization");
    }
    if (isRelation(gold) && isRelation(pred)) {
      return compareRelations((Rel) gold, (Rel) pred, o);
    }
    if (isRelation(gold) || isRelation(pred)) {
      return Verdict.no("a relation against a value");
    }
    if (isSetLike(gold) || isSetLike(pred)) {
      return compareSets(gold, pred, o);
    }
    if (gold instanceof Matrix gm && pred instanceof Matrix pm) {
      return compareMatrices(gm, pm, o);
    }
    if (gold instanceof Matrix || pred instanceof Matrix) {
      return Verdict.no("a matrix against a non-matrix");
    }
    String gw = word(gold);
    String pw = word(pred);
    if (gw != null
        && pw != null
        && (gold instanceof Text || pred instanceof Text || !hasValue(gold, pred))) {
      return gw.equals(pw) ? Verdict.yes("same text") : Verdict.no("different text");
    }
    if (gold instanceof Text || pred instanceof Text) {
      return Verdict.no("text against an expression");
    }
    return compareValues(gold, pred, o);
  }

  // ------------------------------------------------------------------ relations

  /** Drops {@code ≈ ...} tails and unwraps {@code x \in S} to S. */
  private static Expr simplifyRelation(Expr e) {
    if (!(e instanceof Rel r)) {
      return e;
    }
    int approx = r.ops().indexOf("~");
    if (approx >= 0) {
      if (approx == 0 && onlySymbols(r.operands().get(0))) {
        return chain(
            r.operands().subList(1, r.operands().size()), r.ops().subList(1, r.ops().size()));
      }
      return simplifyRelation(
          chain(r.operands().subList(0, approx + 1), r.ops().subList(0, approx)));
    }
    if (r.ops().size() == 1 && r.ops().get(0).equals("in") && onlySymbols(r.operands().get(0))) {
      return r.operands().get(1);
    }
    return e;
  }

  private static Expr chain(List<Expr> operands, List<String> ops) {
    return operands.size() == 1
        ? operands.get(0)
        : new Rel(List.copyOf(operands), List.copyOf(ops));
  }

  private static boolean isRelation(Expr e) {
    return e instanceof Rel r && !r.ops().contains("in") && !r.ops().contains("~");
  }

  private static boolean isEquation(Expr e) {
    return e instanceof Rel r && r.ops().stream().allMatch("="::equals);
  }

  private static boolean isAssignment(Expr e) {
    return isEquation(e) && onlySymbols(((Rel) e).operands().get(0));
  }

  private static Expr firstLhsLastRhs(Rel r) {
    return new Rel(
        List.of(r.operands().get(0), r.operands().get(r.operands().size() - 1)), List.of("="));
  }

  private static Expr lastRhs(Rel r) {
    return r.operands().get(r.operands().size() - 1);
  }

  /** Math-Verify's {@code is_expr_of_only_symbols}: symbols combined without any number. */
  static boolean onlySymbols(Expr e) {
    if (e instanceof Sym) {
      return true;
    } else if (e instanceof Mul m) {
      return m.factors().stream().allMatch(EquivalenceChecker::onlySymbols);
    } else if (e instanceof Add a) {
      return a.terms().stream().allMatch(EquivalenceChecker::onlySymbols);
    } else if (e instanceof Neg n) {
      return onlySymbols(n.operand());
    } else if (e instanceof Div d) {
      return onlySymbols(d.numerator()) && onlySymbols(d.denominator());
    } else if (e instanceof Ratio r) {
      return onlySymbols(r.left()) && onlySymbols(r.right());
    } else if (e instanceof Abs a) {
      return onlySymbols(a.operand());
    } else if (e instanceof Tuple t) {
      return t.elements().stream().allMatch(EquivalenceChecker::onlySymbols);
    } else if (e instanceof Func f) {
      return f.args().stream().allMatch(EquivalenceChecker::onlySymbols);
    } else if (e instanceof Constant c) {
      return c == Constant.E || c == Constant.I;
    }
    return false;
  }

  private Verdict compareRelations(Rel gold, Rel pred, ComparisonOptions o) {
    if (gold.ops().size() != pred.ops().size()) {
      if (gold.ops().size() == 1 && isEquation(gold) && isEquation(pred)) {
        return compareRelations(gold, (Rel) firstLhsLastRhs(pred), o);
      }
      return Verdict.no("relations of different length");
    }
    for (int i = 0; i < gold.ops().size(); i++) {
      Verdict v =
          compareSingleRelation(
              gold.operands().get(i),
              gold.ops().get(i),
              gold.operands().get(i + 1),
              pred.operands().get(i),
              pred.ops().get(i),
              pred.operands().get(i + 1),
              o);
      if (!v.equal()) {
        return v;
      }
    }
    return Verdict.yes("equivalent relations");
  }

  private Verdict compareSingleRelation(
      Expr gl, String gop, Expr gr, Expr pl, String pop, Expr pr, ComparisonOptions o) {
    if (gop.equals(pop) && verdict(gl, pl, o).equal() && verdict(gr, pr, o).equal()) {
      return Verdict.yes("same sides");
    }
    if (flip(gop).equals(pop) && verdict(gl, pr, o).equal() && verdict(gr, pl, o).equal()) {
      return Verdict.yes("same relation, sides swapped");
    }
    // Normalize "a > b" to "b - a < 0"-style differences and test proportionality.
    String gk = kind(gop);
    String pk = kind(pop);
    if (!gk.equals(pk)) {
      return Verdict.no("different relation");
    }
    Expr gd = difference(gl, gop, gr);
    Expr pd = difference(pl, pop, pr);
    boolean positive = ORDER_OPS.contains(gop);
    Double ratio = constantRatio(gd, pd);
    if (ratio != null && ratio != 0 && (!positive || ratio > 0)) {
      return Verdict.yes("equivalent relation (sides differ by a constant factor)");
    }
    return Verdict.no("different relation");
  }

  private static String flip(String op) {
    return switch (op) {
      case "<" -> ">";
      case ">" -> "<";
      case "<=" -> ">=";
      case ">=" -> "<=";
      default -> op;
    };
  }

  private static String kind(String op) {
    return switch (op) {
      case "<", ">" -> "strict";
      case "<=", ">=" -> "weak";
      default -> op;
    };
  }

  /** {@code rhs - lhs} for {@code <}/{@code <=}, {@code lhs - rhs} otherwise: "positive" side. */
  private static Expr difference(Expr lhs, String op, Expr rhs) {
    if (op.equals("<") || op.equals("<=")) {
      return new Add(List.of(rhs, new Neg(lhs)));
    }
    return new Add(List.of(lhs, new Neg(rhs)));
  }

  /** The constant ratio a/b when a and b are proportional at every test point, else null. */
  private static Double constantRatio(Expr a, Expr b) {
    Set<String> vars = new TreeSet<>();
    freeSymbols(a, vars);
    freeSymbols(b, vars);
    if (vars.isEmpty()) {
      return null;
    }
    Double ratio = null;
    int used = 0;
    for (int k = 0; k < POINTS; k++) {
      Complex[] values = evalBoth(a, b, point(vars, k));
      if (values == null) {
        return null;
      }
      Complex va = values[0];
      Complex vb = values[1];
      if (!va.isFinite() || !vb.isFinite() || vb.abs() < 1e-12) {
        continue;
      }
      Complex r = va.div(vb);
      if (!r.isReal()) {
        return null;
      }
      if (ratio == null) {
        ratio = r.re();
      } else if (Math.abs(r.re() - ratio) > 1e-8 * Math.max(1, Math.abs(ratio))) {
        return null;
      }
      used++;
    }
    return used >= 2 ? ratio : null;
  }

  /** The set a relation in one variable describes, or the relation when it is not that simple. */
  private static Expr asSet(Rel r) {
    List<Expr> xs = r.operands();
    List<String> ops = r.ops();
    if (ops.size() == 2 && onlySymbols(xs.get(1)) && freeOf(xs.get(0)) && freeOf(xs.get(2))) {
      String a = ops.get(0);
      String b = ops.get(1);
      if (isLess(a) && isLess(b)) {
        return new Interval(xs.get(0), xs.get(2), a.equals("<"), b.equals("<"));
      }
      if (isGreater(a) && isGreater(b)) {
        return new Interval(xs.get(2), xs.get(0), b.equals(">"), a.equals(">"));
      }
    }
    if (ops.size() == 1) {
      String op = ops.get(0);
      Expr left = xs.get(0);
      Expr right = xs.get(1);
      if (onlySymbols(right) && freeOf(left)) {
        op = flip(op);
        Expr t = left;
        left = right;
        right = t;
      }
      if (onlySymbols(left) && freeOf(right)) {
        Expr inf = Constant.INFINITY;
        Expr ninf = new Neg(Constant.INFINITY);
        return switch (op) {
          case "<" -> new Interval(ninf, right, true, true);
          case "<=" -> new Interval(ninf, right, true, false);
          case ">" -> new Interval(right, inf, true, true);
          case ">=" -> new Interval(right, inf, false, true);
          case "!=" ->
              new Union(
                  List.of(
                      new Interval(ninf, right, true, true), new Interval(right, inf, true, true)));
          case "=" -> new SetOf(List.of(right));
          default -> r;
        };
      }
    }
    return r;
  }

  private static boolean isLess(String op) {
    return op.equals("<") || op.equals("<=");
  }

  private static boolean isGreater(String op) {
    return op.equals(">") || op.equals(">=");
  }

  private static boolean freeOf(Expr e) {
    Set<String> vars = new TreeSet<>();
    freeSymbols(e, vars);
    return vars.isEmpty();
  }

  // ------------------------------------------------------------------ sets, tuples, intervals

  private static boolean isSetLike(Expr e) {
    return e instanceof SetOf || e instanceof Tuple || e instanceof Interval || e instanceof Union;
  }

  private Verdict compareSets(Expr gold, Expr pred, ComparisonOptions o) {
    Expr g = gold;
    Expr p = pred;
    if (g instanceof Tuple t
        && t.parenthesized()
        && t.elements().size() == 2
        && p instanceof Interval) {
      g = new Interval(t.elements().get(0), t.elements().get(1), true, true);
    }
    if (p instanceof Tuple t
        && t.parenthesized()
        && t.elements().size() == 2
        && g instanceof Interval) {
      p = new Interval(t.elements().get(0), t.elements().get(1), true, true);
    }
    if (g instanceof Interval gi && p instanceof Interval pi) {
      if (gi.lowOpen() != pi.lowOpen() || gi.highOpen() != pi.highOpen()) {
        return Verdict.no("interval ends differ in openness");
      }
      boolean same =
          verdict(gi.low(), pi.low(), o).equal() && verdict(gi.high(), pi.high(), o).equal();
      return same ? Verdict.yes("same interval") : Verdict.no("different interval ends");
    }
    if (g instanceof Union gu && p instanceof Union pu) {
      return unordered(gu.parts(), pu.parts(), o, "union");
    }
    if (g instanceof Interval gi && gi.lowOpen() && gi.highOpen() && elements(p) != null) {
      return ordered(List.of(gi.low(), gi.high()), elements(p), o);
    }
    if (p instanceof Interval pi && pi.lowOpen() && pi.highOpen() && elements(g) != null) {
      return ordered(elements(g), List.of(pi.low(), pi.high()), o);
    }
    if (g instanceof Interval
        || p instanceof Interval
        || g instanceof Union
        || p instanceof Union) {
      return Verdict.no("different sets");
    }
    if (g instanceof SetOf gs && p instanceof SetOf ps) {
      return unordered(gs.elements(), ps.elements(), o, "set");
    }
    if (g instanceof Tuple gt && p instanceof Tuple pt) {
      return ordered(gt.elements(), pt.elements(), o);
    }
    if (g instanceof Tuple gt && p instanceof SetOf ps) {
      return ordered(gt.elements(), ps.elements(), o);
    }
    if (g instanceof SetOf gs && p instanceof Tuple pt) {
      return ordered(gs.elements(), pt.elements(), o);
    }
    if (g instanceof SetOf gs) {
      return unordered(gs.elements(), List.of(p), o, "set");
    }
    if (p instanceof SetOf ps) {
      return unordered(List.of(g), ps.elements(), o, "set");
    }
    return Verdict.no("a tuple against a value");
  }

  private static List<Expr> elements(Expr e) {
    if (e instanceof SetOf s) {
      return s.elements();
    } else if (e instanceof Tuple t) {
      return t.elements();
    }
    return null;
  }

  private Verdict ordered(List<Expr> gold, List<Expr> pred, ComparisonOptions o) {
    if (gold.size() != pred.size()) {
      return Verdict.no(
          "different number of elements (" + gold.size() + " vs " + pred.size() + ")");
    }
    for (int i = 0; i < gold.size(); i++) {
      if (!verdict(gold.get(i), pred.get(i), o).equal()) {
        return Verdict.no("element " + (i + 1) + " differs");
      }
    }
    return Verdict.yes("equal element by element");
  }

  private Verdict unordered(
      List<Expr> goldIn, List<Expr> predIn, ComparisonOptions o, String what) {
    List<Expr> gold = distinct(goldIn);
    List<Expr> pred = distinct(predIn);
    if (gold.size() != pred.size()) {
      return Verdict.no(
          "different number of elements (" + gold.size() + " vs " + pred.size() + ")");
    }
    if (gold.size() > MAX_ELEMENTS) {
      return Verdict.no("more than " + MAX_ELEMENTS + " elements");
    }
    boolean[] used = new boolean[pred.size()];
    for (Expr g : gold) {
      boolean found = false;
      for (int j = 0; j < pred.size() && !found; j++) {
        if (!used[j] && verdict(g, pred.get(j), o).equal()) {
          used[j] = true;
          found = true;
        }
      }
      if (!found) {
        return Verdict.no("no match for " + CanonicalPrinter.print(g) + " in the " + what);
      }
    }
    return Verdict.yes("same " + what + " (order ignored)");
  }

  private static List<Expr> distinct(List<Expr> xs) {
    Set<String> seen = new java.util.HashSet<>();
    List<Expr> out = new ArrayList<>();
    for (Expr x : xs) {
      if (seen.add(CanonicalPrinter.print(x))) {
        out.add(x);
      }
    }
    return out;
  }

  private Verdict compareMatrices(Matrix g, Matrix p, ComparisonOptions o) {
    if (g.rows().size() != p.rows().size()) {
      return Verdict.no("matrices of different shape");
    }
    for (int i = 0; i < g.rows().size(); i++) {
      Verdict v = ordered(g.rows().get(i), p.rows().get(i), o);
      if (!v.equal()) {
        return Verdict.no("matrices differ in row " + (i + 1));
      }
    }
    return Verdict.yes("equal element by element");
  }

  // ------------------------------------------------------------------ symbols and text

  /** The answer as a word when it is text or a product of letters ($odd$ is o·d·d), else null. */
  private static String word(Expr e) {
    if (e instanceof Text t) {
      return t.text().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    } else if (e instanceof Sym s) {
      return s.name().toLowerCase(Locale.ROOT);
    } else if (e == Constant.E) {
      return "e";
    } else if (e == Constant.I) {
      return "i";
    } else if (e instanceof Mul m) {
      StringBuilder sb = new StringBuilder();
      for (Expr f : m.factors()) {
        String w = f instanceof Mul ? null : word(f);
        if (w == null || f instanceof Text) {
          return null;
        }
        sb.append(w);
      }
      return sb.toString();
    }
    return null;
  }

  /** True when both sides have a numeric value without variables (then words are not compared). */
  private static boolean hasValue(Expr a, Expr b) {
    return freeOf(a) && freeOf(b);
  }

  // ------------------------------------------------------------------ values

  private Verdict compareValues(Expr gold, Expr pred, ComparisonOptions o) {
    if (gold instanceof Percent gp || pred instanceof Percent) {
      Expr g = gold instanceof Percent x ? x.operand() : gold;
      Expr p = pred instanceof Percent x ? x.operand() : pred;
      Verdict plain = compareValues(g, p, o);
      if (plain.equal() || (gold instanceof Percent && pred instanceof Percent)) {
        return plain;
      }
      return compareValues(
          gold instanceof Percent ? new Div(g, new Num(BigDecimal.valueOf(100), false)) : g,
          pred instanceof Percent ? new Div(p, new Num(BigDecimal.valueOf(100), false)) : p,
          o);
    }
    if (gold instanceof Ratio gr
        && pred instanceof Ratio pr
        && verdict(gr.left(), pr.left(), o).equal()
        && verdict(gr.right(), pr.right(), o).equal()) {
      return Verdict.yes("same ratio");
    }
    boolean floats = hasDecimal(gold) || hasDecimal(pred);
    Rational eg = ExactEvaluator.eval(gold);
    Rational ep = ExactEvaluator.eval(pred);
    if (eg != null && ep != null) {
      if (!floats) {
        return eg.equals(ep)
            ? Verdict.yes("exactly equal (" + eg + ")")
            : Verdict.no("different values (" + eg + " vs " + ep + ")");
      }
      BigDecimal rg = eg.toBigDecimal(60).setScale(o.floatRounding(), RoundingMode.HALF_EVEN);
      BigDecimal rp = ep.toBigDecimal(60).setScale(o.floatRounding(), RoundingMode.HALF_EVEN);
      return rg.compareTo(rp) == 0
          ? Verdict.yes("numerically equal after rounding to " + o.floatRounding() + " places")
          : Verdict.no("different after rounding to " + o.floatRounding() + " places");
    }
    Verdict huge = PrimePowerComparator.compare(gold, pred, floats);
    if (huge != null) {
      return huge;
    }
    Set<String> vars = new TreeSet<>();
    freeSymbols(gold, vars);
    freeSymbols(pred, vars);
    Verdict numeric =
        vars.isEmpty()
            ? compareConstants(gold, pred, floats, o)
            : compareFunctions(gold, pred, vars, floats, o);
    if (numeric != null) {
      return numeric;
    }
    if (o.symbolicFallback() && simplifier.available()) {
      Boolean zero = simplifier.isZeroDifference(gold, pred);
      if (zero != null) {
        return zero
            ? Verdict.yes("symbolically equal (Symja)")
            : Verdict.no("not symbolically equal (Symja)");
      }
    }
    return Verdict.no("not equal (no numeric or symbolic proof)");
  }

  private static Verdict compareConstants(
      Expr gold, Expr pred, boolean floats, ComparisonOptions o) {
    Complex[] values = evalBoth(gold, pred, Map.of());
    if (values == null) {
      return null;
    }
    Complex a = values[0];
    Complex b = values[1];
    if (!a.isFinite() || !b.isFinite()) {
      return null;
    }
    if (floats) {
      boolean same = round(a.re(), o) == round(b.re(), o) && round(a.im(), o) == round(b.im(), o);
      return same
          ? Verdict.yes("numerically equal after rounding to " + o.floatRounding() + " places")
          : Verdict.no("different after rounding to " + o.floatRounding() + " places");
    }
    double scale = Math.max(1, Math.max(a.abs(), b.abs()));
    return a.sub(b).abs() <= REL_TOLERANCE * scale
        ? Verdict.yes("numerically equal (relative error below 1e-9)")
        : Verdict.no("different values (" + shortValue(a) + " vs " + shortValue(b) + ")");
  }

  private static String shortValue(Complex c) {
    String re = BigDecimal.valueOf(c.re()).round(new java.math.MathContext(10)).toPlainString();
    return c.isReal()
        ? re
        : re
            + " + "
            + BigDecimal.valueOf(c.im()).round(new java.math.MathContext(10)).toPlainString()
            + "i";
  }

  private static double round(double x, ComparisonOptions o) {
    return BigDecimal.valueOf(x).setScale(o.floatRounding(), RoundingMode.HALF_EVEN).doubleValue();
  }

  private static Verdict compareFunctions(
      Expr gold, Expr pred, Set<String> vars, boolean floats, ComparisonOptions o) {
    double tolerance =
        floats ? Math.max(REL_TOLERANCE, Math.pow(10, -o.floatRounding())) : REL_TOLERANCE;
    int agreeing = 0;
    for (int k = 0; k < POINTS; k++) {
      Complex[] values = evalBoth(gold, pred, point(vars, k));
      if (values == null) {
        return null;
      }
      Complex a = values[0];
      Complex b = values[1];
      if (!a.isFinite() || !b.isFinite()) {
        continue;
      }
      double scale = Math.max(1, Math.max(a.abs(), b.abs()));
      if (a.sub(b).abs() > tolerance * scale) {
        return Verdict.no("different functions of " + String.join(", ", vars));
      }
      agreeing++;
    }
    return agreeing >= 3
        ? Verdict.yes(
            "equal as functions of " + String.join(", ", vars) + " (numeric identity test)")
        : null;
  }

  /** Both values at one point, or null when either has no numeric value. */
  private static Complex[] evalBoth(Expr a, Expr b, Map<String, Complex> point) {
    try {
      return new Complex[] {NumericEvaluator.eval(a, point), NumericEvaluator.eval(b, point)};
    } catch (NumericEvaluator.Unsupported | ArithmeticException e) {
      return null;
    }
  }

  /**
   * The k-th test point: deterministic, irregular values in [0.3, 2.3), negated in the last points
   * so that {@code \sqrt{x^2}} is not mistaken for {@code x}.
   */
  private static Map<String, Complex> point(Set<String> vars, int k) {
    Map<String, Complex> values = new HashMap<>();
    int i = 0;
    for (String v : vars) {
      double x = 0.3 + ((0.6180339887 * (k * 7 + i * 13 + 1) + 0.1234 * k) % 1.0) * 2.0;
      values.put(v, Complex.real(k >= POINTS - NEGATIVE_POINTS ? -x : x));
      i++;
    }
    return values;
  }

  static void freeSymbols(Expr e, Set<String> out) {
    if (e instanceof Sym s) {
      out.add(s.name());
      return;
    }
    for (Expr child : children(e)) {
      freeSymbols(child, out);
    }
  }

  static boolean hasDecimal(Expr e) {
    if (e instanceof Num n) {
      return n.decimal();
    }
    for (Expr child : children(e)) {
      if (hasDecimal(child)) {
        return true;
      }
    }
    return false;
  }

  static List<Expr> children(Expr e) {
    if (e instanceof Add a) {
      return a.terms();
    } else if (e instanceof Mul m) {
      return m.factors();
    } else if (e instanceof Div d) {
      return List.of(d.numerator(), d.denominator());
    } else if (e instanceof Neg n) {
      return List.of(n.operand());
    } else if (e instanceof Pow p) {
      return List.of(p.base(), p.exponent());
    } else if (e instanceof Root r) {
      return List.of(r.radicand(), r.index());
    } else if (e instanceof Expr.Factorial f) {
      return List.of(f.operand());
    } else if (e instanceof Expr.Binomial b) {
      return List.of(b.n(), b.k());
    } else if (e instanceof Abs a) {
      return List.of(a.operand());
    } else if (e instanceof Percent p) {
      return List.of(p.operand());
    } else if (e instanceof Func f) {
      return f.args();
    } else if (e instanceof PlusMinus pm) {
      return pm.left() == null ? List.of(pm.right()) : List.of(pm.left(), pm.right());
    } else if (e instanceof Ratio r) {
      return List.of(r.left(), r.right());
    } else if (e instanceof Rel r) {
      return r.operands();
    } else if (e instanceof SetOf s) {
      return s.elements();
    } else if (e instanceof Tuple t) {
      return t.elements();
    } else if (e instanceof Interval i) {
      return List.of(i.low(), i.high());
    } else if (e instanceof Union u) {
      return u.parts();
    } else if (e instanceof Expr.SetOp s) {
      return List.of(s.left(), s.right());
    } else if (e instanceof Matrix m) {
      return m.rows().stream().flatMap(List::stream).toList();
    } else if (e instanceof Expr.Op op) {
      return op.args();
    }
    return List.of();
  }

  // ------------------------------------------------------------------ ± and renaming

  /** Replaces {@code a ± b} by the set {a + b, a - b} (inside sets: both elements). */
  static Expr expandPlusMinus(Expr e) {
    if (!containsPlusMinus(e)) {
      return e;
    }
    if (e instanceof SetOf s) {
      List<Expr> out = new ArrayList<>();
      for (Expr x : s.elements()) {
        Expr ex = expandPlusMinus(x);
        if (ex instanceof SetOf inner && containsPlusMinus(x)) {
          out.addAll(inner.elements());
        } else {
          out.add(ex);
        }
      }
      return new SetOf(out);
    }
    if (e instanceof Rel r) {
      List<Expr> ops = new ArrayList<>();
      for (Expr x : r.operands()) {
        ops.add(expandPlusMinus(x));
      }
      return new Rel(ops, r.ops());
    }
    List<Expr> variants = variants(e, 0);
    return variants == null ? e : new SetOf(variants);
  }

  private static boolean containsPlusMinus(Expr e) {
    if (e instanceof PlusMinus) {
      return true;
    }
    for (Expr c : children(e)) {
      if (containsPlusMinus(c)) {
        return true;
      }
    }
    return false;
  }

  /** Both sign choices of the first ± in e (recursively, at most 2^4 variants). */
  private static List<Expr> variants(Expr e, int depth) {
    if (depth > 4) {
      return null;
    }
    PlusMinus pm = firstPlusMinus(e);
    if (pm == null) {
      return List.of(e);
    }
    Expr plus = pm.left() == null ? pm.right() : new Add(List.of(pm.left(), pm.right()));
    Expr minus =
        pm.left() == null ? new Neg(pm.right()) : new Add(List.of(pm.left(), new Neg(pm.right())));
    List<Expr> out = new ArrayList<>();
    for (Expr choice : List.of(plus, minus)) {
      List<Expr> sub = variants(replace(e, pm, choice), depth + 1);
      if (sub == null) {
        return null;
      }
      out.addAll(sub);
    }
    return out;
  }

  private static PlusMinus firstPlusMinus(Expr e) {
    if (e instanceof PlusMinus pm) {
      return pm;
    }
    for (Expr c : children(e)) {
      PlusMinus found = firstPlusMinus(c);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  static Expr replace(Expr e, Expr target, Expr with) {
    if (e == target) {
      return with;
    }
    return ExprRewriter.mapChildren(e, c -> replace(c, target, with));
  }

  /** Non-strict mode: renames pred's variables to gold's, matched in sorted order. */
  private static Expr renameLike(Expr pred, Expr gold) {
    Set<String> gv = new TreeSet<>();
    Set<String> pv = new TreeSet<>();
    freeSymbols(gold, gv);
    freeSymbols(pred, pv);
    if (gv.size() != pv.size() || gv.equals(pv)) {
      return pred;
    }
    Map<String, String> rename = new HashMap<>();
    var gi = gv.iterator();
    for (String p : pv) {
      rename.put(p, gi.next());
    }
    return rename(pred, rename);
  }

  private static Expr rename(Expr e, Map<String, String> rename) {
    if (e instanceof Sym s) {
      return new Sym(rename.getOrDefault(s.name(), s.name()));
    }
    return ExprRewriter.mapChildren(e, c -> rename(c, rename));
  }

  private static void checkInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new java.util.concurrent.CancellationException("interrupted");
    }
  }
}
