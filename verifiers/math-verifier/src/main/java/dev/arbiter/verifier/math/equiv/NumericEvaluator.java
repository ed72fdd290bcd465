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
import dev.arbiter.verifier.math.ast.Expr.Percent;
import dev.arbiter.verifier.math.ast.Expr.Pow;
import dev.arbiter.verifier.math.ast.Expr.Ratio;
import dev.arbiter.verifier.math.ast.Expr.Root;
import dev.arbiter.verifier.math.ast.Expr.Sym;
import java.util.Map;

/**
 * Evaluates an expression in complex double arithmetic with given values for its variables. Throws
 * {@link Unsupported} for what has no numeric value (sets, relations, sums, text) and for values
 * that doubles cannot carry: an intermediate result that overflows (a {@code 1/1000!} would
 * otherwise be 0) or a nonzero one that underflows to 0 ({@code 10^{-5000}} is not 0). Only the
 * value of the whole expression may be non-finite (a pole at a test point). Checks the {@link
 * WorkBudget} at every node.
 */
final class NumericEvaluator {

  /** The expression has no numeric value. */
  static final class Unsupported extends RuntimeException {
    Unsupported(String what) {
      super(what, null, false, false);
    }
  }

  private NumericEvaluator() {}

  /**
   * The value of {@code e} at {@code vars}.
   *
   * @throws Unsupported when it has none in doubles
   * @throws WorkBudget.Exceeded when the item's budget ends or its thread is interrupted
   */
  static Complex eval(Expr e, Map<String, Complex> vars) {
    WorkBudget.check();
    if (e instanceof Num n) {
      return literal(n);
    } else if (e instanceof Sym s) {
      Complex v = vars.get(s.name());
      if (v == null) {
        throw new Unsupported("free symbol " + s.name());
      }
      return v;
    } else if (e instanceof Constant c) {
      return switch (c) {
        case PI -> Complex.real(Math.PI);
        case E -> Complex.real(Math.E);
        case I -> Complex.I;
        case INFINITY -> throw new Unsupported("infinity");
      };
    } else if (e instanceof Add a) {
      Complex acc = Complex.ZERO;
      for (Expr t : a.terms()) {
        acc = acc.add(operand(t, vars));
      }
      return acc;
    } else if (e instanceof Mul m) {
      Complex acc = Complex.ONE;
      for (Expr f : m.factors()) {
        Complex x = operand(f, vars);
        acc = notUnderflowed(acc.mul(x), acc, x);
      }
      return acc;
    } else if (e instanceof Div d) {
      return quotient(operand(d.numerator(), vars), operand(d.denominator(), vars));
    } else if (e instanceof Ratio r) {
      return quotient(operand(r.left(), vars), operand(r.right(), vars));
    } else if (e instanceof Neg n) {
      return operand(n.operand(), vars).negate();
    } else if (e instanceof Pow p) {
      Complex base = operand(p.base(), vars);
      return notUnderflowed(power(base, p.exponent(), vars), base, Complex.ONE);
    } else if (e instanceof Root r) {
      return root(operand(r.radicand(), vars), operand(r.index(), vars));
    } else if (e instanceof Abs a) {
      return Complex.real(operand(a.operand(), vars).abs());
    } else if (e instanceof Percent p) {
      return operand(p.operand(), vars).div(Complex.real(100));
    } else if (e instanceof Factorial f) {
      return Complex.real(gamma(realOf(operand(f.operand(), vars)) + 1));
    } else if (e instanceof Binomial b) {
      double n = realOf(operand(b.n(), vars));
      double k = realOf(operand(b.k(), vars));
      return Complex.real(gamma(n + 1) / (gamma(k + 1) * gamma(n - k + 1)));
    } else if (e instanceof Func f) {
      return function(f, vars);
    }
    throw new Unsupported(e.getClass().getSimpleName());
  }

  /** A child's value: it must be finite, or the parent's value would be meaningless. */
  private static Complex operand(Expr e, Map<String, Complex> vars) {
    Complex v = eval(e, vars);
    if (!v.isFinite()) {
      throw new Unsupported("overflow");
    }
    return v;
  }

  private static Complex literal(Num n) {
    double v = n.value().doubleValue();
    if (v == 0 && n.value().signum() != 0) {
      throw new Unsupported("underflow");
    }
    return Complex.real(v);
  }

  private static Complex quotient(Complex a, Complex b) {
    return notUnderflowed(a.div(b), a, Complex.ONE);
  }

  /** A zero result from nonzero operands is an underflow, not a value. */
  private static Complex notUnderflowed(Complex result, Complex a, Complex b) {
    if (isZero(result) && !isZero(a) && !isZero(b)) {
      throw new Unsupported("underflow");
    }
    return result;
  }

  private static boolean isZero(Complex c) {
    return c.re() == 0 && c.im() == 0;
  }

  /** Real powers of negative reals with an odd-denominator rational exponent stay real. */
  private static Complex power(Complex base, Expr exponent, Map<String, Complex> vars) {
    Complex e = operand(exponent, vars);
    if (base.isReal() && base.re() < 0 && e.isReal() && e.re() != Math.rint(e.re())) {
      Rational r = ExactEvaluator.eval(exponent);
      if (r != null && r.den().testBit(0) && r.den().bitLength() < 31) {
        double magnitude = Math.pow(-base.re(), e.re());
        return Complex.real(r.num().testBit(0) ? -magnitude : magnitude);
      }
    }
    return base.pow(e);
  }

  private static Complex root(Complex radicand, Complex index) {
    double k = realOf(index);
    if (radicand.isReal() && radicand.re() < 0 && k == Math.rint(k) && ((long) k) % 2 != 0) {
      return Complex.real(-Math.pow(-radicand.re(), 1 / k));
    }
    return radicand.pow(Complex.real(1 / k));
  }

  private static Complex function(Func f, Map<String, Complex> vars) {
    Complex x = operand(f.args().get(0), vars);
    return switch (f.name()) {
      case "sin" -> x.sin();
      case "cos" -> x.cos();
      case "tan" -> x.sin().div(x.cos());
      case "sec" -> Complex.ONE.div(x.cos());
      case "csc" -> Complex.ONE.div(x.sin());
      case "cot" -> x.cos().div(x.sin());
      case "sinh" -> x.exp().sub(x.negate().exp()).div(Complex.real(2));
      case "cosh" -> x.exp().add(x.negate().exp()).div(Complex.real(2));
      case "tanh" -> x.exp().sub(x.negate().exp()).div(x.exp().add(x.negate().exp()));
      case "ln" -> x.log();
      case "log" -> x.log().div(operand(f.args().get(1), vars).log());
      case "arcsin" -> Complex.real(Math.asin(realOf(x)));
      case "arccos" -> Complex.real(Math.acos(realOf(x)));
      case "arctan" -> Complex.real(Math.atan(realOf(x)));
      case "arccot" -> Complex.real(Math.atan(1 / realOf(x)));
      default -> throw new Unsupported(f.name());
    };
  }

  private static double realOf(Complex c) {
    if (!c.isReal()) {
      throw new Unsupported("complex argument");
    }
    return c.re();
  }

  /** Lanczos approximation; exact enough for factorials of small integers. */
  static double gamma(double x) {
    if (x > 171) {
      return Double.POSITIVE_INFINITY;
    }
    if (x == Math.rint(x) && x >= 1) {
      double f = 1;
      for (int i = 2; i < x; i++) {
        f *= i;
      }
      return f;
    }
    if (x < 0.5) {
      return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
    }
    double[] g = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    x -= 1;
    double a = g[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += g[i] / (x + i);
    }
    return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
  }
}
