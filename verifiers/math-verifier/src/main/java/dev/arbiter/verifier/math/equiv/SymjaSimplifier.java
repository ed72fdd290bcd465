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
import dev.arbiter.verifier.math.ast.Expr.Op;
import dev.arbiter.verifier.math.ast.Expr.Pow;
import dev.arbiter.verifier.math.ast.Expr.Rel;
import dev.arbiter.verifier.math.ast.Expr.Root;
import dev.arbiter.verifier.math.ast.Expr.Sym;
import dev.arbiter.verifier.math.ast.Expr.Text;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Symja (matheclipse-core) as the last resort for symbolic equality: our AST is converted to Symja
 * expressions directly (Symja never parses text here) and {@code Simplify(a - b)} is asked whether
 * it is zero. Refuses, before calling the CAS, trees over a size or depth guard and exponents or
 * factorials over a magnitude guard, so the CAS never starts on a bomb. One evaluator per thread;
 * the caller bounds time by abandoning the thread.
 */
public final class SymjaSimplifier implements SymbolicSimplifier {

  private static final int MAX_NODES = 300;
  private static final int MAX_DEPTH = 40;
  private static final int MAX_EXPONENT = 1000;
  private static final int MAX_FACTORIAL = 1000;

  private final ThreadLocal<ExprEvaluator> evaluators =
      ThreadLocal.withInitial(() -> new ExprEvaluator(false, (short) 100));

  /** Loads Symja's classes (seconds on first use), so the first real question does not pay it. */
  public void warmUp() {
    try {
      isZeroDifference(new Sym("x"), new Sym("x"));
    } catch (RuntimeException | LinkageError e) {
      // A broken CAS only disables the fallback; the numeric checks stand alone.
    }
  }

  @Override
  public Boolean isZeroDifference(Expr a, Expr b) {
    if (!withinGuards(a, 0, new int[1]) || !withinGuards(b, 0, new int[1])) {
      return null;
    }
    Map<String, IExpr> symbols = new HashMap<>();
    IExpr difference;
    try {
      difference = F.Subtract(convert(a, symbols), convert(b, symbols));
    } catch (UnsupportedOperationException e) {
      return null;
    }
    try {
      IExpr result = evaluators.get().eval(F.Simplify(difference));
      if (result.isZero()) {
        return true;
      }
      return false;
    } catch (RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  private static boolean withinGuards(Expr e, int depth, int[] nodes) {
    if (depth > MAX_DEPTH || ++nodes[0] > MAX_NODES) {
      return false;
    }
    if (e instanceof Pow p
        && p.exponent() instanceof Num n
        && n.value().abs().compareTo(BigDecimal.valueOf(MAX_EXPONENT)) > 0) {
      return false;
    }
    if (e instanceof Pow p && p.exponent() instanceof Pow) {
      return false;
    }
    if (e instanceof Factorial f
        && !(f.operand() instanceof Num n
            && n.value().compareTo(BigDecimal.valueOf(MAX_FACTORIAL)) <= 0)) {
      return false;
    }
    for (Expr c : EquivalenceChecker.children(e)) {
      if (!withinGuards(c, depth + 1, nodes)) {
        return false;
      }
    }
    return true;
  }

  private static IExpr convert(Expr e, Map<String, IExpr> symbols) {
    if (e instanceof Num n) {
      Rational r = Rational.of(n.value());
      return r.isInteger() ? F.ZZ(r.num()) : F.fraction(r.num(), r.den());
    } else if (e instanceof Sym s) {
      return symbols.computeIfAbsent(s.name(), k -> F.symbol("v" + symbols.size() + "v"));
    } else if (e instanceof Constant c) {
      return switch (c) {
        case PI -> F.Pi;
        case E -> F.E;
        case I -> F.CI;
        case INFINITY -> F.CInfinity;
      };
    } else if (e instanceof Add a) {
      IExpr[] terms = a.terms().stream().map(t -> convert(t, symbols)).toArray(IExpr[]::new);
      return F.Plus(terms);
    } else if (e instanceof Mul m) {
      IExpr[] factors = m.factors().stream().map(t -> convert(t, symbols)).toArray(IExpr[]::new);
      return F.Times(factors);
    } else if (e instanceof Div d) {
      return F.Divide(convert(d.numerator(), symbols), convert(d.denominator(), symbols));
    } else if (e instanceof Neg n) {
      return F.Negate(convert(n.operand(), symbols));
    } else if (e instanceof Pow p) {
      return F.Power(convert(p.base(), symbols), convert(p.exponent(), symbols));
    } else if (e instanceof Root r) {
      return F.Power(convert(r.radicand(), symbols), F.Divide(F.C1, convert(r.index(), symbols)));
    } else if (e instanceof Abs a) {
      return F.Abs(convert(a.operand(), symbols));
    } else if (e instanceof Factorial f) {
      return F.Factorial(convert(f.operand(), symbols));
    } else if (e instanceof Binomial b) {
      return F.Binomial(convert(b.n(), symbols), convert(b.k(), symbols));
    } else if (e instanceof Func f) {
      return function(f, symbols);
    } else if (e instanceof Op op && (op.name().equals("sum") || op.name().equals("prod"))) {
      return bigOperator(op, symbols);
    }
    throw new UnsupportedOperationException(e.getClass().getSimpleName());
  }

  /** {@code \\sum_{k=a}^{b} body} as {@code Sum(body, {k, a, b})} (likewise products). */
  private static IExpr bigOperator(Op op, Map<String, IExpr> symbols) {
    if (!(op.args().get(0) instanceof Rel r)
        || r.ops().size() != 1
        || !r.ops().get(0).equals("=")
        || !(r.operands().get(0) instanceof Sym index)
        || op.args().get(1) instanceof Text) {
      throw new UnsupportedOperationException("big operator without index range");
    }
    IExpr range =
        F.List(
            convert(index, symbols),
            convert(r.operands().get(1), symbols),
            convert(op.args().get(1), symbols));
    IExpr body = convert(op.args().get(2), symbols);
    return op.name().equals("sum") ? F.Sum(body, range) : F.Product(body, range);
  }

  private static IExpr function(Func f, Map<String, IExpr> symbols) {
    IExpr x = convert(f.args().get(0), symbols);
    return switch (f.name()) {
      case "sin" -> F.Sin(x);
      case "cos" -> F.Cos(x);
      case "tan" -> F.Tan(x);
      case "sec" -> F.Sec(x);
      case "csc" -> F.Csc(x);
      case "cot" -> F.Cot(x);
      case "arcsin" -> F.ArcSin(x);
      case "arccos" -> F.ArcCos(x);
      case "arctan" -> F.ArcTan(x);
      case "arccot" -> F.ArcCot(x);
      case "sinh" -> F.Sinh(x);
      case "cosh" -> F.Cosh(x);
      case "tanh" -> F.Tanh(x);
      case "ln" -> F.Log(x);
      case "log" -> F.Log(convert(f.args().get(1), symbols), x);
      default -> throw new UnsupportedOperationException(f.name());
    };
  }
}
