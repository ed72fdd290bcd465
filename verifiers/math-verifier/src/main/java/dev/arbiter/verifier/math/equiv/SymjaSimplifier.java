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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Symja (matheclipse-core) as the last resort for symbolic equality: our AST is converted to Symja
 * expressions directly (Symja never parses text here) and {@code Simplify(a - b)} is asked whether
 * it is zero. Refuses, before calling the CAS, trees over a size or depth guard and exponents or
 * factorials over a magnitude guard, so the CAS never starts on a bomb. One evaluator per thread;
 * Symja checks the thread's interrupt flag between evaluation steps, so an interrupted call ends
 * promptly and answers {@link WorkBudget.Exceeded}.
 */
public final class SymjaSimplifier implements SymbolicSimplifier {

  private static final int MAX_NODES = 300;
  private static final int MAX_DEPTH = 40;
  private static final double MAX_EXPONENT = 1000;
  private static final double MAX_FACTORIAL = 1000;
  private static final double MAX_RANGE = 1000;

  /**
   * About 600 digits: larger constants and literals are left to exact arithmetic and the
   * prime-power comparison (Symja took seconds on a loaded machine for {@code 1/1000!}).
   */
  private static final double MAX_CONSTANT_BITS = 2048;

  /** Symja's classes are JVM-wide: loaded once, on a thread of their own (see {@link #loaded}). */
  private static final FutureTask<Boolean> LOADING = new FutureTask<>(SymjaSimplifier::load);

  private static final AtomicBoolean LOAD_STARTED = new AtomicBoolean();

  private final ThreadLocal<ExprEvaluator> evaluators =
      ThreadLocal.withInitial(() -> new ExprEvaluator(false, (short) 100));

  /** Loads Symja's classes (seconds on first use), so the first real question does not pay it. */
  public void warmUp() {
    try {
      loaded();
    } catch (WorkBudget.Exceeded e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Boolean isZeroDifference(Expr a, Expr b) {
    if (!withinGuards(a, 0, new int[1]) || !withinGuards(b, 0, new int[1]) || !loaded()) {
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
      return evaluators.get().eval(F.Simplify(difference)).isZero();
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      // Symja stops an interrupted evaluation with its own TimeoutException: the item's work is
      // over, not undecided. A LinkageError is a class of Symja's whose initialization failed
      // (once interrupted there, it stays broken): the fallback is lost, the verdict is not.
      WorkBudget.check();
      return null;
    }
  }

  /**
   * Waits until Symja's classes are loaded; false when loading failed. Loading takes seconds cold
   * and runs static initializers that Symja aborts when their thread is interrupted, after which
   * the class stays unusable for the JVM's lifetime. So it never runs on an item's thread, which is
   * interrupted at the item's deadline; the item only waits for it, within its budget.
   */
  private static boolean loaded() {
    if (LOAD_STARTED.compareAndSet(false, true)) {
      Thread loader = new Thread(LOADING, "symja-load");
      loader.setDaemon(true);
      loader.start();
    }
    while (true) {
      WorkBudget.check();
      try {
        return LOADING.get(20, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        WorkBudget.check();
      } catch (TimeoutException e) {
        // still loading
      } catch (ExecutionException e) {
        return false;
      }
    }
  }

  /** Runs a few simplifications that load most of what the comparisons use. */
  private static Boolean load() {
    ExprEvaluator evaluator = new ExprEvaluator(false, (short) 100);
    IExpr x = F.symbol("v0v");
    IExpr two = F.ZZ(2);
    evaluator.eval(
        F.Simplify(F.Subtract(F.Plus(F.Power(F.Sin(x), two), F.Power(F.Cos(x), two)), F.C1)));
    evaluator.eval(F.Simplify(F.Subtract(F.Binomial(F.ZZ(5), two), F.Factorial(F.ZZ(3)))));
    evaluator.eval(F.Simplify(F.Sum(x, F.List(x, F.C1, F.ZZ(10)))));
    evaluator.eval(F.Simplify(F.Divide(F.Power(x, F.ZZ(3)), F.Log(x))));
    return true;
  }

  /**
   * Whether Symja may see this tree: small, shallow, and no part of it can make the CAS compute a
   * huge number. A BigInteger power, factorial or binomial inside Symja cannot be stopped (Symja
   * checks the interrupt flag between evaluation steps, not within one), so every constant
   * exponent, factorial, binomial and big-operator bound must be small, and every literal and
   * constant part small in bits by {@link MagnitudeEstimate}, before anything is converted.
   */
  static boolean withinGuards(Expr e, int depth, int[] nodes) {
    WorkBudget.check();
    if (depth > MAX_DEPTH || ++nodes[0] > MAX_NODES) {
      return false;
    }
    if (e instanceof Pow p
        && (p.exponent() instanceof Pow || !smallIfConstant(p.exponent(), MAX_EXPONENT))) {
      return false;
    }
    if (e instanceof Factorial f
        && !(isConstant(f.operand()) && smallIfConstant(f.operand(), MAX_FACTORIAL))) {
      return false;
    }
    if (e instanceof Binomial b
        && !(smallIfConstant(b.n(), MAX_FACTORIAL) && smallIfConstant(b.k(), MAX_FACTORIAL))) {
      return false;
    }
    if (e instanceof Op op && !boundsSmall(op)) {
      return false;
    }
    if (isConstant(e) && !(MagnitudeEstimate.bits(e) <= MAX_CONSTANT_BITS)) {
      return false;
    }
    for (Expr c : EquivalenceChecker.children(e)) {
      if (!withinGuards(c, depth + 1, nodes)) {
        return false;
      }
    }
    return true;
  }

  /** A big operator's range ends ({@code k = a} and b), where constant, are at most 1000. */
  private static boolean boundsSmall(Op op) {
    for (Expr arg : op.args()) {
      Expr end = arg instanceof Rel r && r.operands().size() == 2 ? r.operands().get(1) : arg;
      if (!smallIfConstant(end, MAX_RANGE)) {
        return false;
      }
    }
    return true;
  }

  private static boolean smallIfConstant(Expr e, double limit) {
    return !isConstant(e) || MagnitudeEstimate.absBound(e) <= limit;
  }

  private static boolean isConstant(Expr e) {
    Set<String> symbols = new HashSet<>();
    ExprTrees.freeSymbols(e, symbols);
    return symbols.isEmpty() && !Double.isNaN(MagnitudeEstimate.bits(e));
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
