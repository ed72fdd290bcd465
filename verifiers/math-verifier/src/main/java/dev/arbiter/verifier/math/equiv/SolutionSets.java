package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Abs;
import dev.arbiter.verifier.math.ast.Expr.Constant;
import dev.arbiter.verifier.math.ast.Expr.Interval;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.Op;
import dev.arbiter.verifier.math.ast.Expr.Rel;
import dev.arbiter.verifier.math.ast.Expr.SetOf;
import dev.arbiter.verifier.math.ast.Expr.Sym;
import dev.arbiter.verifier.math.ast.Expr.Text;
import dev.arbiter.verifier.math.ast.Expr.Union;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The solution set a relation in one real variable describes: {@code x > 2} is {@code (2, ∞)},
 * {@code -1 \le x < 3} is {@code [-1, 3)}, {@code x \ne 2} and {@code |2x - 1| \ge 3} are unions,
 * {@code \{x \mid x > 2\}} and {@code x < -1 \text{ or } x > 2} are sets. A relation that is not of
 * these forms (or whose constants cannot be ordered) is left as it is, which never equals a set.
 */
final class SolutionSets {

  private static final Set<String> REALS = Set.of("R", "ℝ", "reals", "real numbers");

  private SolutionSets() {}

  /** Set-builder and "or" answers (from the parser as {@code Op}s) as sets where possible. */
  static Expr normalize(Expr e) {
    if (e instanceof Op op && op.name().equals("setbuilder")) {
      return setBuilder(op);
    }
    if (e instanceof Op op && op.name().equals("or")) {
      return disjunction(op.args());
    }
    return e;
  }

  /** The set a relation describes, or the relation when it is not that simple. */
  static Expr of(Rel r) {
    List<Expr> xs = r.operands();
    List<String> ops = r.ops();
    if (ops.size() == 2 && ExprTrees.freeOf(xs.get(0)) && ExprTrees.freeOf(xs.get(2))) {
      String a = ops.get(0);
      String b = ops.get(1);
      if (isGreater(a) && isGreater(b)) {
        return between(
            xs.get(2), RelationRules.flip(b), xs.get(1), RelationRules.flip(a), xs.get(0), r);
      }
      if (isLess(a) && isLess(b)) {
        return between(xs.get(0), a, xs.get(1), b, xs.get(2), r);
      }
    }
    if (ops.size() == 1) {
      String op = ops.get(0);
      Expr left = xs.get(0);
      Expr right = xs.get(1);
      if (ExprTrees.freeOf(left) && !ExprTrees.freeOf(right)) {
        op = RelationRules.flip(op);
        Expr t = left;
        left = right;
        right = t;
      }
      if (left instanceof Abs abs && ExprTrees.freeOf(right)) {
        Expr set = absolute(abs.operand(), op, right);
        return set == null ? r : set;
      }
      if (ExprTrees.onlySymbols(left) && ExprTrees.freeOf(right)) {
        return simple(op, right, r);
      }
    }
    return r;
  }

  private static Expr simple(String op, Expr right, Rel original) {
    return switch (op) {
      case "<" -> new Interval(ninf(), right, true, true);
      case "<=" -> new Interval(ninf(), right, true, false);
      case ">" -> new Interval(right, inf(), true, true);
      case ">=" -> new Interval(right, inf(), false, true);
      case "!=" ->
          new Union(
              List.of(
                  new Interval(ninf(), right, true, true), new Interval(right, inf(), true, true)));
      case "=" -> new SetOf(List.of(right));
      default -> original;
    };
  }

  /** {@code low op1 middle op2 high} with both ops {@code <} or {@code <=}. */
  private static Expr between(Expr low, String op1, Expr middle, String op2, Expr high, Rel r) {
    if (middle instanceof Abs abs) {
      Double p = real(low);
      Double q = real(high);
      if (p == null || q == null || p <= 0 || q <= p) {
        return r;
      }
      List<Interval> u =
          List.of(
              new Interval(new Neg(high), new Neg(low), op2.equals("<"), op1.equals("<")),
              new Interval(low, high, op1.equals("<"), op2.equals("<")));
      Expr set = inVariable(abs.operand(), u);
      return set == null ? r : set;
    }
    if (ExprTrees.onlySymbols(middle)) {
      return new Interval(low, high, op1.equals("<"), op2.equals("<"));
    }
    return r;
  }

  /** {@code |u| op r} for a positive constant r, u linear in one variable. */
  private static Expr absolute(Expr u, String op, Expr r) {
    Double radius = real(r);
    if (radius == null || radius <= 0) {
      return null;
    }
    if (op.equals("=")) {
      Expr low = inVariable(u, List.of(new Interval(new Neg(r), new Neg(r), false, false)));
      Expr high = inVariable(u, List.of(new Interval(r, r, false, false)));
      return low instanceof Interval a && high instanceof Interval b
          ? new SetOf(List.of(a.low(), b.low()))
          : null;
    }
    List<Interval> inU =
        switch (op) {
          case "<", "<=" -> List.of(new Interval(new Neg(r), r, op.equals("<"), op.equals("<")));
          case ">", ">=" ->
              List.of(
                  new Interval(ninf(), new Neg(r), true, op.equals(">")),
                  new Interval(r, inf(), op.equals(">"), true));
          default -> null;
        };
    return inU == null ? null : inVariable(u, inU);
  }

  /** Maps intervals of u = a·x + b back to intervals of x (a a nonzero constant). */
  private static Expr inVariable(Expr u, List<Interval> inU) {
    Set<String> vars = ExprTrees.freeSymbols(u);
    if (vars.size() != 1) {
      return null;
    }
    LinearForm lin = LinearForm.of(u, vars.iterator().next());
    Double slope = lin == null ? null : real(lin.slope());
    if (slope == null || slope == 0) {
      return null;
    }
    List<Expr> parts = new ArrayList<>();
    for (Interval i : inU) {
      Expr low = endpoint(lin, i.low(), slope);
      Expr high = endpoint(lin, i.high(), slope);
      parts.add(
          slope > 0
              ? new Interval(low, high, i.lowOpen(), i.highOpen())
              : new Interval(high, low, i.highOpen(), i.lowOpen()));
    }
    return parts.size() == 1 ? parts.get(0) : new Union(parts);
  }

  private static Expr endpoint(LinearForm lin, Expr u, double slope) {
    if (u == Constant.INFINITY) {
      return slope > 0 ? inf() : ninf();
    }
    if (u instanceof Neg n && n.operand() == Constant.INFINITY) {
      return slope > 0 ? ninf() : inf();
    }
    return lin.solve(u);
  }

  private static Expr setBuilder(Op op) {
    if (op.args().size() != 2 || !(op.args().get(1) instanceof Rel condition)) {
      return op;
    }
    String variable = variable(op.args().get(0));
    if (variable == null || !ExprTrees.freeSymbols(condition).equals(Set.of(variable))) {
      return op;
    }
    Expr set = of(condition);
    return set instanceof Rel ? op : set;
  }

  /** The bound variable of a set-builder head: {@code x} or {@code x \in \mathbb{R}}. */
  private static String variable(Expr head) {
    if (head instanceof Sym s) {
      return s.name();
    }
    if (head instanceof Rel r
        && r.ops().equals(List.of("in"))
        && r.operands().get(0) instanceof Sym s
        && REALS.contains(domainName(r.operands().get(1)))) {
      return s.name();
    }
    return null;
  }

  /** {@code \mathbb{R}} arrives as the letter R (or as text when spelled out). */
  private static String domainName(Expr domain) {
    if (domain instanceof Text t) {
      return t.text().strip();
    }
    return domain instanceof Sym s ? s.name() : "";
  }

  /** Relations joined by "or": the union of their sets, when each is a set in the same variable. */
  private static Expr disjunction(List<Expr> relations) {
    List<Expr> parts = new ArrayList<>();
    Set<String> variables = null;
    for (Expr e : relations) {
      Set<String> vars = ExprTrees.freeSymbols(e);
      Expr simple = RelationRules.simplify(e);
      Expr set = simple instanceof Rel r && vars.size() == 1 ? of(r) : simple;
      if (set instanceof Rel || (variables != null && !variables.equals(vars))) {
        return new SetOf(relations);
      }
      variables = vars;
      if (set instanceof Union u) {
        parts.addAll(u.parts());
      } else {
        parts.add(set);
      }
    }
    return new Union(parts);
  }

  private static Double real(Expr e) {
    Complex c = NumericProbe.value(e);
    return c == null || !c.isFinite() || !c.isReal() ? null : c.re();
  }

  private static boolean isLess(String op) {
    return op.equals("<") || op.equals("<=");
  }

  private static boolean isGreater(String op) {
    return op.equals(">") || op.equals(">=");
  }

  private static Expr inf() {
    return Constant.INFINITY;
  }

  private static Expr ninf() {
    return new Neg(Constant.INFINITY);
  }
}
