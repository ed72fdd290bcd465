package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Abs;
import dev.arbiter.verifier.math.ast.Expr.Add;
import dev.arbiter.verifier.math.ast.Expr.Binomial;
import dev.arbiter.verifier.math.ast.Expr.Div;
import dev.arbiter.verifier.math.ast.Expr.Factorial;
import dev.arbiter.verifier.math.ast.Expr.Func;
import dev.arbiter.verifier.math.ast.Expr.Interval;
import dev.arbiter.verifier.math.ast.Expr.Matrix;
import dev.arbiter.verifier.math.ast.Expr.Mul;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.Op;
import dev.arbiter.verifier.math.ast.Expr.Percent;
import dev.arbiter.verifier.math.ast.Expr.PlusMinus;
import dev.arbiter.verifier.math.ast.Expr.Pow;
import dev.arbiter.verifier.math.ast.Expr.Ratio;
import dev.arbiter.verifier.math.ast.Expr.Rel;
import dev.arbiter.verifier.math.ast.Expr.Root;
import dev.arbiter.verifier.math.ast.Expr.SetOf;
import dev.arbiter.verifier.math.ast.Expr.SetOp;
import dev.arbiter.verifier.math.ast.Expr.Tuple;
import dev.arbiter.verifier.math.ast.Expr.Union;
import java.util.List;
import java.util.function.UnaryOperator;

/** Rebuilds a node with each child mapped; leaves are returned as they are. */
final class ExprRewriter {

  private ExprRewriter() {}

  static Expr mapChildren(Expr e, UnaryOperator<Expr> f) {
    if (e instanceof Add a) {
      return new Add(map(a.terms(), f));
    } else if (e instanceof Mul m) {
      return new Mul(map(m.factors(), f));
    } else if (e instanceof Div d) {
      return new Div(f.apply(d.numerator()), f.apply(d.denominator()));
    } else if (e instanceof Neg n) {
      return new Neg(f.apply(n.operand()));
    } else if (e instanceof Pow p) {
      return new Pow(f.apply(p.base()), f.apply(p.exponent()));
    } else if (e instanceof Root r) {
      return new Root(f.apply(r.radicand()), f.apply(r.index()));
    } else if (e instanceof Factorial x) {
      return new Factorial(f.apply(x.operand()));
    } else if (e instanceof Binomial b) {
      return new Binomial(f.apply(b.n()), f.apply(b.k()));
    } else if (e instanceof Abs a) {
      return new Abs(f.apply(a.operand()));
    } else if (e instanceof Percent p) {
      return new Percent(f.apply(p.operand()));
    } else if (e instanceof Func fn) {
      return new Func(fn.name(), map(fn.args(), f));
    } else if (e instanceof PlusMinus pm) {
      return new PlusMinus(
          pm.left() == null ? null : f.apply(pm.left()), f.apply(pm.right()), pm.minusFirst());
    } else if (e instanceof Ratio r) {
      return new Ratio(f.apply(r.left()), f.apply(r.right()));
    } else if (e instanceof Rel r) {
      return new Rel(map(r.operands(), f), r.ops());
    } else if (e instanceof SetOf s) {
      return new SetOf(map(s.elements(), f));
    } else if (e instanceof Tuple t) {
      return new Tuple(map(t.elements(), f), t.parenthesized());
    } else if (e instanceof Interval i) {
      return new Interval(f.apply(i.low()), f.apply(i.high()), i.lowOpen(), i.highOpen());
    } else if (e instanceof Union u) {
      return new Union(map(u.parts(), f));
    } else if (e instanceof SetOp s) {
      return new SetOp(s.op(), f.apply(s.left()), f.apply(s.right()));
    } else if (e instanceof Matrix m) {
      return new Matrix(m.rows().stream().map(r -> map(r, f)).toList());
    } else if (e instanceof Op o) {
      return new Op(o.name(), map(o.args(), f));
    }
    return e;
  }

  private static List<Expr> map(List<Expr> xs, UnaryOperator<Expr> f) {
    return xs.stream().map(f).toList();
  }
}
