package dev.arbiter.verifier.math.parse;

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
import dev.arbiter.verifier.math.ast.Expr.Text;
import dev.arbiter.verifier.math.ast.Expr.Tuple;
import dev.arbiter.verifier.math.ast.Expr.Union;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A canonical, order-insensitive text form of an {@link Expr}: sums, products, sets and unions
 * print their parts sorted, numbers print without trailing zeros. Two expressions with the same
 * canonical form are equal; used for the fast structural check and in {@code details}.
 */
public final class CanonicalPrinter {

  private CanonicalPrinter() {}

  public static String print(Expr e) {
    if (e instanceof Num n) {
      return n.value().signum() == 0 ? "0" : n.value().stripTrailingZeros().toPlainString();
    } else if (e instanceof Sym s) {
      return s.name();
    } else if (e instanceof Constant c) {
      return constant(c);
    } else if (e instanceof Add a) {
      return "(" + sorted(a.terms(), " + ") + ")";
    } else if (e instanceof Mul m) {
      return "(" + sorted(m.factors(), " \\cdot ") + ")";
    } else if (e instanceof Div d) {
      return "\\frac{" + print(d.numerator()) + "}{" + print(d.denominator()) + "}";
    } else if (e instanceof Neg n) {
      return "-" + print(n.operand());
    } else if (e instanceof Pow p) {
      return "{" + print(p.base()) + "}^{" + print(p.exponent()) + "}";
    } else if (e instanceof Root r) {
      return "\\sqrt[" + print(r.index()) + "]{" + print(r.radicand()) + "}";
    } else if (e instanceof Factorial f) {
      return "{" + print(f.operand()) + "}!";
    } else if (e instanceof Binomial b) {
      return "\\binom{" + print(b.n()) + "}{" + print(b.k()) + "}";
    } else if (e instanceof Abs a) {
      return "|" + print(a.operand()) + "|";
    } else if (e instanceof Percent p) {
      return print(p.operand()) + "\\%";
    } else if (e instanceof Func f) {
      return "\\" + f.name() + "(" + joined(f.args(), ", ") + ")";
    } else if (e instanceof PlusMinus pm) {
      return (pm.left() == null ? "" : print(pm.left()) + " ")
          + (pm.minusFirst() ? "\\mp " : "\\pm ")
          + print(pm.right());
    } else if (e instanceof Ratio r) {
      return print(r.left()) + " : " + print(r.right());
    } else if (e instanceof Rel r) {
      return relation(r);
    } else if (e instanceof SetOf s) {
      return "\\{" + sorted(s.elements(), ", ") + "\\}";
    } else if (e instanceof Tuple t) {
      return "(" + joined(t.elements(), ", ") + ")";
    } else if (e instanceof Interval i) {
      return (i.lowOpen() ? "(" : "[")
          + print(i.low())
          + ", "
          + print(i.high())
          + (i.highOpen() ? ")" : "]");
    } else if (e instanceof Union u) {
      return sorted(u.parts(), " \\cup ");
    } else if (e instanceof SetOp s) {
      return print(s.left()) + " \\" + s.op() + " " + print(s.right());
    } else if (e instanceof Matrix m) {
      return "\\begin{pmatrix}"
          + m.rows().stream().map(r -> joined(r, " & ")).collect(Collectors.joining(" \\\\ "))
          + "\\end{pmatrix}";
    } else if (e instanceof Text t) {
      return "\\text{" + t.text() + "}";
    }
    Op o = (Op) e;
    return "\\" + o.name() + "(" + joined(o.args(), ", ") + ")";
  }

  private static String constant(Constant c) {
    switch (c) {
      case PI:
        return "\\pi";
      case E:
        return "e";
      case I:
        return "i";
      default:
        return "\\infty";
    }
  }

  private static String relation(Rel r) {
    StringBuilder sb = new StringBuilder(print(r.operands().get(0)));
    for (int i = 0; i < r.ops().size(); i++) {
      sb.append(' ').append(r.ops().get(i)).append(' ').append(print(r.operands().get(i + 1)));
    }
    return sb.toString();
  }

  private static String sorted(List<Expr> parts, String separator) {
    return parts.stream()
        .map(CanonicalPrinter::print)
        .sorted()
        .collect(Collectors.joining(separator));
  }

  private static String joined(List<Expr> parts, String separator) {
    return parts.stream().map(CanonicalPrinter::print).collect(Collectors.joining(separator));
  }
}
