package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Add;
import dev.arbiter.verifier.math.ast.Expr.Div;
import dev.arbiter.verifier.math.ast.Expr.Mul;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.Num;
import dev.arbiter.verifier.math.ast.Expr.Sym;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An expression {@code slope·x + offset} with slope and offset free of x, read off the tree
 * structurally (no expansion of products of sums).
 */
record LinearForm(Expr slope, Expr offset) {

  private static final Num ZERO = new Num(BigDecimal.ZERO, false);
  private static final Num ONE = new Num(BigDecimal.ONE, false);

  /** The linear form of e in x, or null when e is not visibly linear in x. */
  static LinearForm of(Expr e, String x) {
    if (e instanceof Sym s && s.name().equals(x)) {
      return new LinearForm(ONE, ZERO);
    }
    if (!ExprTrees.freeSymbols(e).contains(x)) {
      return new LinearForm(ZERO, e);
    }
    if (e instanceof Neg n) {
      LinearForm inner = of(n.operand(), x);
      return inner == null ? null : new LinearForm(neg(inner.slope), neg(inner.offset));
    }
    if (e instanceof Add a) {
      List<Expr> slopes = new ArrayList<>();
      List<Expr> offsets = new ArrayList<>();
      for (Expr t : a.terms()) {
        LinearForm lt = of(t, x);
        if (lt == null) {
          return null;
        }
        addUnlessZero(slopes, lt.slope);
        addUnlessZero(offsets, lt.offset);
      }
      return new LinearForm(sum(slopes), sum(offsets));
    }
    if (e instanceof Mul m) {
      LinearForm variable = null;
      List<Expr> constants = new ArrayList<>();
      for (Expr f : m.factors()) {
        if (ExprTrees.freeSymbols(f).contains(x)) {
          if (variable != null) {
            return null;
          }
          variable = of(f, x);
          if (variable == null) {
            return null;
          }
        } else {
          constants.add(f);
        }
      }
      Expr c = constants.size() == 1 ? constants.get(0) : new Mul(List.copyOf(constants));
      return new LinearForm(times(c, variable.slope), times(c, variable.offset));
    }
    if (e instanceof Div d && !ExprTrees.freeSymbols(d.denominator()).contains(x)) {
      LinearForm n = of(d.numerator(), x);
      return n == null
          ? null
          : new LinearForm(
              new Div(n.slope, d.denominator()),
              isZero(n.offset) ? ZERO : new Div(n.offset, d.denominator()));
    }
    return null;
  }

  /** The x with slope·x + offset = value, for a finite value. */
  Expr solve(Expr value) {
    Expr shifted = isZero(offset) ? value : new Add(List.of(value, neg(offset)));
    return isOne(slope) ? shifted : new Div(shifted, slope);
  }

  private static void addUnlessZero(List<Expr> xs, Expr e) {
    if (!isZero(e)) {
      xs.add(e);
    }
  }

  private static Expr sum(List<Expr> xs) {
    return xs.isEmpty() ? ZERO : xs.size() == 1 ? xs.get(0) : new Add(List.copyOf(xs));
  }

  private static Expr times(Expr c, Expr e) {
    if (isZero(e)) {
      return ZERO;
    }
    return isOne(e) ? c : new Mul(List.of(c, e));
  }

  private static Expr neg(Expr e) {
    if (isZero(e)) {
      return ZERO;
    }
    return e instanceof Num n ? new Num(n.value().negate(), n.decimal()) : new Neg(e);
  }

  private static boolean isZero(Expr e) {
    return e instanceof Num n && n.value().signum() == 0;
  }

  private static boolean isOne(Expr e) {
    return e instanceof Num n && n.value().compareTo(BigDecimal.ONE) == 0;
  }
}
