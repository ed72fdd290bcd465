package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Add;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.PlusMinus;
import dev.arbiter.verifier.math.ast.Expr.Rel;
import dev.arbiter.verifier.math.ast.Expr.SetOf;
import java.util.ArrayList;
import java.util.List;

/** Replaces {@code a ± b} by the set {a + b, a - b} (inside sets: both elements). */
final class PlusMinusExpander {

  private static final int MAX_SIGNS = 4;

  private PlusMinusExpander() {}

  static Expr expand(Expr e) {
    if (!containsPlusMinus(e)) {
      return e;
    }
    if (e instanceof SetOf s) {
      List<Expr> out = new ArrayList<>();
      for (Expr x : s.elements()) {
        Expr ex = expand(x);
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
        ops.add(expand(x));
      }
      return new Rel(ops, r.ops());
    }
    List<Expr> variants = variants(e, 0);
    return variants == null ? e : new SetOf(variants);
  }

  private static boolean containsPlusMinus(Expr e) {
    return firstPlusMinus(e) != null;
  }

  /** Both sign choices of the first ± in e (recursively, at most 2^4 variants). */
  private static List<Expr> variants(Expr e, int depth) {
    if (depth > MAX_SIGNS) {
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
    for (Expr c : ExprTrees.children(e)) {
      PlusMinus found = firstPlusMinus(c);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static Expr replace(Expr e, Expr target, Expr with) {
    if (e == target) {
      return with;
    }
    return ExprRewriter.mapChildren(e, c -> replace(c, target, with));
  }
}
