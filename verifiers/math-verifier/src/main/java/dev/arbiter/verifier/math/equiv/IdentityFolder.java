package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Add;
import dev.arbiter.verifier.math.ast.Expr.Div;
import dev.arbiter.verifier.math.ast.Expr.Mul;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.Num;
import dev.arbiter.verifier.math.ast.Expr.Pow;
import dev.arbiter.verifier.math.parse.CanonicalPrinter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Identities decided by form, before any evaluation, so that they hold however large or unevaluable
 * the operand is: {@code a - a = 0} (terms whose coefficients cancel), {@code a / a = 1} (common
 * factors), {@code a^0 = 1}, {@code 0 \cdot a = 0}. Each applies only when {@link StructuralFacts}
 * proves a finite (and, to divide or raise to 0, nonzero): {@code \infty - \infty}, {@code 0/0} and
 * {@code 0^0} are left alone. {@code 1000000000! - 999999999!} has no identical terms and is not
 * touched.
 */
final class IdentityFolder {

  private static final Num ZERO = new Num(BigDecimal.ZERO, false);
  private static final Num ONE = new Num(BigDecimal.ONE, false);

  private IdentityFolder() {}

  static Expr fold(Expr e) {
    return mayFold(e) ? foldTree(e) : e;
  }

  /** A cheap scan (no allocation) for a node any rule could apply to. */
  private static boolean mayFold(Expr e) {
    if (e instanceof Add a && a.terms().size() > 1
        || e instanceof Div d && !(d.numerator() instanceof Num && d.denominator() instanceof Num)
        || e instanceof Pow p && p.exponent() instanceof Num n && n.value().signum() == 0
        || e instanceof Mul m && hasZeroFactor(m)) {
      return true;
    }
    for (Expr child : ExprTrees.children(e)) {
      if (mayFold(child)) {
        return true;
      }
    }
    return false;
  }

  private static Expr foldTree(Expr e) {
    Expr x = ExprRewriter.mapChildren(e, IdentityFolder::fold);
    if (x instanceof Add a) {
      return cancelTerms(a);
    } else if (x instanceof Div d) {
      return cancelFactors(d);
    } else if (x instanceof Pow p
        && p.exponent() instanceof Num n
        && n.value().signum() == 0
        && StructuralFacts.nonZero(p.base())) {
      return ONE;
    } else if (x instanceof Mul m && hasZeroFactor(m)) {
      return m.factors().stream().allMatch(StructuralFacts::finite) ? ZERO : m;
    }
    return x;
  }

  /** A term as coefficient × core; numbers have the core 1. */
  private record Term(BigDecimal coefficient, Expr core) {}

  private static Term term(Expr t) {
    if (t instanceof Neg n) {
      Term inner = term(n.operand());
      return new Term(inner.coefficient.negate(), inner.core);
    }
    if (t instanceof Num n) {
      return new Term(n.value(), ONE);
    }
    if (t instanceof Mul m) {
      BigDecimal c = BigDecimal.ONE;
      List<Expr> rest = new ArrayList<>();
      for (Expr f : m.factors()) {
        if (f instanceof Num n) {
          c = c.multiply(n.value());
        } else {
          rest.add(f);
        }
      }
      Expr core = rest.isEmpty() ? ONE : rest.size() == 1 ? rest.get(0) : new Mul(rest);
      return new Term(c, core);
    }
    return new Term(BigDecimal.ONE, t);
  }

  private static Expr cancelTerms(Add a) {
    if (a.terms().size() < 2 || !mixedSigns(a)) {
      return a;
    }
    List<String> keys = new ArrayList<>();
    Map<String, BigDecimal> sums = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Expr> cores = new HashMap<>();
    for (Expr t : a.terms()) {
      Term term = term(t);
      String key = CanonicalPrinter.print(term.core);
      keys.add(key);
      sums.merge(key, term.coefficient, BigDecimal::add);
      counts.merge(key, 1, Integer::sum);
      cores.putIfAbsent(key, term.core);
    }
    List<Expr> kept = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      boolean cancels =
          counts.get(key) > 1
              && sums.get(key).signum() == 0
              && StructuralFacts.finite(cores.get(key));
      if (!cancels) {
        kept.add(a.terms().get(i));
      }
    }
    if (kept.size() == a.terms().size()) {
      return a;
    }
    return kept.isEmpty() ? ZERO : kept.size() == 1 ? kept.get(0) : new Add(kept);
  }

  private static boolean mixedSigns(Add a) {
    boolean negative = false;
    boolean positive = false;
    for (Expr t : a.terms()) {
      if (term(t).coefficient.signum() < 0) {
        negative = true;
      } else {
        positive = true;
      }
    }
    return negative && positive;
  }

  private static Expr cancelFactors(Div d) {
    if (d.numerator() instanceof Num && d.denominator() instanceof Num) {
      return d;
    }
    List<Expr> num = new ArrayList<>(factors(d.numerator()));
    List<Expr> den = new ArrayList<>(factors(d.denominator()));
    boolean changed = false;
    for (int j = den.size() - 1; j >= 0; j--) {
      Expr f = den.get(j);
      if (!StructuralFacts.nonZero(f)) {
        continue;
      }
      String key = CanonicalPrinter.print(f);
      for (int i = 0; i < num.size(); i++) {
        if (CanonicalPrinter.print(num.get(i)).equals(key)) {
          num.remove(i);
          den.remove(j);
          changed = true;
          break;
        }
      }
    }
    if (!changed) {
      return d;
    }
    Expr n = product(num);
    return den.isEmpty() ? n : new Div(n, product(den));
  }

  private static List<Expr> factors(Expr e) {
    return e instanceof Mul m ? m.factors() : List.of(e);
  }

  private static Expr product(List<Expr> xs) {
    return xs.isEmpty() ? ONE : xs.size() == 1 ? xs.get(0) : new Mul(List.copyOf(xs));
  }

  private static boolean hasZeroFactor(Mul m) {
    return m.factors().stream().anyMatch(f -> f instanceof Num n && n.value().signum() == 0);
  }
}
