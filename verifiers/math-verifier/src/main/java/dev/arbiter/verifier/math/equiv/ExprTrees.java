package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Abs;
import dev.arbiter.verifier.math.ast.Expr.Add;
import dev.arbiter.verifier.math.ast.Expr.Binomial;
import dev.arbiter.verifier.math.ast.Expr.Constant;
import dev.arbiter.verifier.math.ast.Expr.Div;
import dev.arbiter.verifier.math.ast.Expr.Factorial;
import dev.arbiter.verifier.math.ast.Expr.Func;
import dev.arbiter.verifier.math.ast.Expr.Interval;
import dev.arbiter.verifier.math.ast.Expr.Matrix;
import dev.arbiter.verifier.math.ast.Expr.Mul;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.Num;
import dev.arbiter.verifier.math.ast.Expr.Op;
import dev.arbiter.verifier.math.ast.Expr.Percent;
import dev.arbiter.verifier.math.ast.Expr.PlusMinus;
import dev.arbiter.verifier.math.ast.Expr.Pow;
import dev.arbiter.verifier.math.ast.Expr.Ratio;
import dev.arbiter.verifier.math.ast.Expr.Rel;
import dev.arbiter.verifier.math.ast.Expr.Root;
import dev.arbiter.verifier.math.ast.Expr.SetOf;
import dev.arbiter.verifier.math.ast.Expr.SetOp;
import dev.arbiter.verifier.math.ast.Expr.Sym;
import dev.arbiter.verifier.math.ast.Expr.Tuple;
import dev.arbiter.verifier.math.ast.Expr.Union;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Read-only questions about an answer's tree: children, free symbols, decimal literals. */
final class ExprTrees {

  private ExprTrees() {}

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
    } else if (e instanceof Factorial f) {
      return List.of(f.operand());
    } else if (e instanceof Binomial b) {
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
    } else if (e instanceof SetOp s) {
      return List.of(s.left(), s.right());
    } else if (e instanceof Matrix m) {
      return m.rows().stream().flatMap(List::stream).toList();
    } else if (e instanceof Op op) {
      return op.args();
    }
    return List.of();
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

  static Set<String> freeSymbols(Expr e) {
    Set<String> vars = new TreeSet<>();
    freeSymbols(e, vars);
    return vars;
  }

  static boolean freeOf(Expr e) {
    if (e instanceof Sym) {
      return false;
    }
    for (Expr child : children(e)) {
      if (!freeOf(child)) {
        return false;
      }
    }
    return true;
  }

  static boolean contains(Expr e, Expr target) {
    if (e.equals(target)) {
      return true;
    }
    for (Expr child : children(e)) {
      if (contains(child, target)) {
        return true;
      }
    }
    return false;
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

  /** Math-Verify's {@code is_expr_of_only_symbols}: symbols combined without any number. */
  static boolean onlySymbols(Expr e) {
    if (e instanceof Sym) {
      return true;
    } else if (e instanceof Mul m) {
      return m.factors().stream().allMatch(ExprTrees::onlySymbols);
    } else if (e instanceof Add a) {
      return a.terms().stream().allMatch(ExprTrees::onlySymbols);
    } else if (e instanceof Neg n) {
      return onlySymbols(n.operand());
    } else if (e instanceof Div d) {
      return onlySymbols(d.numerator()) && onlySymbols(d.denominator());
    } else if (e instanceof Ratio r) {
      return onlySymbols(r.left()) && onlySymbols(r.right());
    } else if (e instanceof Abs a) {
      return onlySymbols(a.operand());
    } else if (e instanceof Tuple t) {
      return t.elements().stream().allMatch(ExprTrees::onlySymbols);
    } else if (e instanceof Func f) {
      return f.args().stream().allMatch(ExprTrees::onlySymbols);
    } else if (e instanceof Constant c) {
      return c == Constant.E || c == Constant.I;
    }
    return false;
  }
}
