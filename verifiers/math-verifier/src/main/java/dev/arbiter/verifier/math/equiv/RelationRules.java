package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Add;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.Rel;
import java.util.List;
import java.util.Set;

/**
 * Relations (Math-Verify's order): {@code ≈} tails are dropped, {@code x \in S} becomes S,
 * assignments reduce to their right-hand side against a value, a relation in one variable becomes
 * its solution set against a set; then relations are compared side by side, with sides swapped, or
 * as differences that are proportional.
 */
final class RelationRules {

  /** The two answers after unwrapping, ready for the rest of the comparison. */
  record Sides(Expr gold, Expr pred) {}

  private static final Set<String> ORDER_OPS = Set.of("<", ">", "<=", ">=");

  private final SubComparison whole;

  RelationRules(SubComparison whole) {
    this.whole = whole;
  }

  /** Drops {@code ≈ ...} tails and unwraps {@code x \in S} to S. */
  static Expr simplify(Expr e) {
    if (!(e instanceof Rel r)) {
      return e;
    }
    int approx = r.ops().indexOf("~");
    if (approx >= 0) {
      if (approx == 0 && ExprTrees.onlySymbols(r.operands().get(0))) {
        return chain(
            r.operands().subList(1, r.operands().size()), r.ops().subList(1, r.ops().size()));
      }
      return simplify(chain(r.operands().subList(0, approx + 1), r.ops().subList(0, approx)));
    }
    if (r.ops().size() == 1
        && r.ops().get(0).equals("in")
        && ExprTrees.onlySymbols(r.operands().get(0))) {
      return r.operands().get(1);
    }
    return e;
  }

  /** Assignments against values, relations against sets (see the class comment). */
  static Sides unwrap(Expr goldIn, Expr predIn, ComparisonOptions o) {
    Expr gold = goldIn;
    Expr pred = predIn;
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
    if (isRelation(gold) && CollectionRules.isSetLike(pred)) {
      gold = SolutionSets.of((Rel) gold);
    }
    if (o.allowSetRelationComparison() && isRelation(pred) && CollectionRules.isSetLike(gold)) {
      pred = SolutionSets.of((Rel) pred);
    }
    return new Sides(gold, pred);
  }

  static boolean isRelation(Expr e) {
    return e instanceof Rel r && !r.ops().contains("in") && !r.ops().contains("~");
  }

  static boolean isEquation(Expr e) {
    return e instanceof Rel r && r.ops().stream().allMatch("="::equals);
  }

  private static boolean isAssignment(Expr e) {
    return isEquation(e) && ExprTrees.onlySymbols(((Rel) e).operands().get(0));
  }

  /**
   * Side by side (or swapped, or proportional); failing that, two relations in the same single
   * variable that both describe a set ({@code |x - 1| < 2} and {@code -1 < x < 3}) compare as sets.
   */
  Verdict compare(Rel gold, Rel pred, ComparisonOptions o) {
    Verdict sides = compareSides(gold, pred, o);
    if (sides.equal()) {
      return sides;
    }
    if (isEquation(gold) && isEquation(pred)) {
      return sides;
    }
    Set<String> vars = ExprTrees.freeSymbols(gold);
    if (vars.size() != 1 || !vars.equals(ExprTrees.freeSymbols(pred))) {
      return sides;
    }
    Expr goldSet = SolutionSets.of(gold);
    Expr predSet = SolutionSets.of(pred);
    if (goldSet instanceof Rel || predSet instanceof Rel) {
      return sides;
    }
    Verdict sets = whole.verdict(goldSet, predSet, o);
    return sets.equal() ? Verdict.yes("same solution set (" + sets.reason() + ")") : sides;
  }

  private Verdict compareSides(Rel gold, Rel pred, ComparisonOptions o) {
    if (gold.ops().size() != pred.ops().size()) {
      if (gold.ops().size() == 1 && isEquation(gold) && isEquation(pred)) {
        return compareSides(gold, firstLhsLastRhs(pred), o);
      }
      return Verdict.no("relations of different length");
    }
    for (int i = 0; i < gold.ops().size(); i++) {
      Verdict v =
          compareSingle(
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

  private Verdict compareSingle(
      Expr gl, String gop, Expr gr, Expr pl, String pop, Expr pr, ComparisonOptions o) {
    if (gop.equals(pop) && same(gl, pl, o) && same(gr, pr, o)) {
      return Verdict.yes("same sides");
    }
    if (flip(gop).equals(pop) && same(gl, pr, o) && same(gr, pl, o)) {
      return Verdict.yes("same relation, sides swapped");
    }
    // Normalize "a > b" to "b - a < 0"-style differences and test proportionality.
    if (!kind(gop).equals(kind(pop))) {
      return Verdict.no("different relation");
    }
    Expr gd = difference(gl, gop, gr);
    Expr pd = difference(pl, pop, pr);
    boolean positive = ORDER_OPS.contains(gop);
    Double ratio = NumericProbe.constantRatio(gd, pd);
    if (ratio != null && ratio != 0 && (!positive || ratio > 0)) {
      return Verdict.yes("equivalent relation (sides differ by a constant factor)");
    }
    return Verdict.no("different relation");
  }

  private boolean same(Expr gold, Expr pred, ComparisonOptions o) {
    return whole.verdict(gold, pred, o).equal();
  }

  private static Expr chain(List<Expr> operands, List<String> ops) {
    return operands.size() == 1
        ? operands.get(0)
        : new Rel(List.copyOf(operands), List.copyOf(ops));
  }

  private static Rel firstLhsLastRhs(Rel r) {
    return new Rel(
        List.of(r.operands().get(0), r.operands().get(r.operands().size() - 1)), List.of("="));
  }

  private static Expr lastRhs(Rel r) {
    return r.operands().get(r.operands().size() - 1);
  }

  static String flip(String op) {
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
}
