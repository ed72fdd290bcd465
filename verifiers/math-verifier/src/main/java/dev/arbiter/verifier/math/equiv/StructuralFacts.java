package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Abs;
import dev.arbiter.verifier.math.ast.Expr.Add;
import dev.arbiter.verifier.math.ast.Expr.Binomial;
import dev.arbiter.verifier.math.ast.Expr.Constant;
import dev.arbiter.verifier.math.ast.Expr.Div;
import dev.arbiter.verifier.math.ast.Expr.Factorial;
import dev.arbiter.verifier.math.ast.Expr.Func;
import dev.arbiter.verifier.math.ast.Expr.Mul;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.Num;
import dev.arbiter.verifier.math.ast.Expr.Pow;
import dev.arbiter.verifier.math.ast.Expr.Root;
import dev.arbiter.verifier.math.ast.Expr.Sym;
import java.util.Set;

/**
 * What the form of an expression proves without computing it: that it is finite (no division by
 * something that may be 0, no infinity) and that it is not zero ({@code 1000000000!}, {@code
 * e^{-50}}, {@code 1/2004!}). A free symbol is finite (a generic value) but not provably nonzero.
 * "False" means "not proven", never "proven false".
 */
final class StructuralFacts {

  private static final Set<String> BOUNDED_FUNCTIONS = Set.of("sin", "cos");

  private StructuralFacts() {}

  static boolean finite(Expr e) {
    if (e instanceof Num || e instanceof Sym) {
      return true;
    } else if (e instanceof Constant c) {
      return c != Constant.INFINITY;
    } else if (e instanceof Add a) {
      return a.terms().stream().allMatch(StructuralFacts::finite);
    } else if (e instanceof Mul m) {
      return m.factors().stream().allMatch(StructuralFacts::finite);
    } else if (e instanceof Neg n) {
      return finite(n.operand());
    } else if (e instanceof Abs a) {
      return finite(a.operand());
    } else if (e instanceof Factorial f) {
      return finite(f.operand());
    } else if (e instanceof Binomial b) {
      return finite(b.n()) && finite(b.k());
    } else if (e instanceof Div d) {
      return finite(d.numerator()) && nonZero(d.denominator());
    } else if (e instanceof Pow p) {
      return finite(p.base())
          && finite(p.exponent())
          && (nonZero(p.base()) || p.exponent() instanceof Num n && n.value().signum() >= 0);
    } else if (e instanceof Root r) {
      return finite(r.radicand()) && r.index() instanceof Num n && n.value().signum() > 0;
    } else if (e instanceof Func f) {
      return BOUNDED_FUNCTIONS.contains(f.name())
          && f.args().stream().allMatch(StructuralFacts::finite);
    }
    return false;
  }

  /** Finite and provably different from 0. */
  static boolean nonZero(Expr e) {
    if (e instanceof Num n) {
      return n.value().signum() != 0;
    } else if (e instanceof Constant c) {
      return c != Constant.INFINITY;
    } else if (e instanceof Factorial f) {
      return finite(f.operand());
    } else if (e instanceof Neg n) {
      return nonZero(n.operand());
    } else if (e instanceof Abs a) {
      return nonZero(a.operand());
    } else if (e instanceof Mul m) {
      return m.factors().stream().allMatch(StructuralFacts::nonZero);
    } else if (e instanceof Div d) {
      return nonZero(d.numerator()) && nonZero(d.denominator());
    } else if (e instanceof Pow p) {
      return nonZero(p.base()) && finite(p.exponent());
    } else if (e instanceof Root r) {
      return nonZero(r.radicand()) && r.index() instanceof Num n && n.value().signum() > 0;
    }
    return false;
  }
}
