package dev.arbiter.verifier.math.parse;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Add;
import dev.arbiter.verifier.math.ast.Expr.Div;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.Num;
import dev.arbiter.verifier.math.parse.MathLatexParser.FracArgContext;
import dev.arbiter.verifier.math.parse.MathLatexParser.FracContext;
import dev.arbiter.verifier.math.parse.MathLatexParser.ImplicitFactorContext;
import dev.arbiter.verifier.math.parse.MathLatexParser.MulopContext;
import dev.arbiter.verifier.math.parse.MathLatexParser.MultiplicativeContext;
import dev.arbiter.verifier.math.parse.MathLatexParser.NumberContext;
import dev.arbiter.verifier.math.parse.MathLatexParser.PostfixContext;
import dev.arbiter.verifier.math.parse.MathLatexParser.UnaryContext;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;

/**
 * Mixed numbers, decided by form: a whole term that is an integer literal immediately followed by a
 * proper fraction of integer literals ({@code 3\frac{1}{2}}, {@code -2\tfrac34}, {@code 3 1/2}) is
 * the integer plus (or, when negative, minus) the fraction. Anything else is a product as before:
 * an explicit operator ({@code 3 \cdot \frac12}), an improper fraction ({@code 3\frac{5}{2}}), a
 * factor after the fraction ({@code 2\frac{1}{3}x}), brackets ({@code (3)\frac12}) or a
 * non-integer.
 */
final class MixedNumbers {

  private MixedNumbers() {}

  /** The mixed number a multiplicative term spells, or null when it is not one. */
  static Expr read(MultiplicativeContext ctx, Function<FracArgContext, Expr> fracArg) {
    int n = ctx.getChildCount();
    if ((n != 2 && n != 4) || !(ctx.getChild(0) instanceof UnaryContext first)) {
      return null;
    }
    BigInteger whole = signedInteger(first);
    if (whole == null || whole.signum() == 0) {
      return null;
    }
    if (n == 2 && ctx.getChild(1) instanceof ImplicitFactorContext f) {
      return latexFraction(whole, f.postfix(), fracArg);
    }
    if (n == 4
        && ctx.getChild(1) instanceof ImplicitFactorContext f
        && ctx.getChild(2) instanceof MulopContext op
        && op.getText().equals("/")
        && ctx.getChild(3) instanceof UnaryContext d
        && d.postfix() != null) {
      BigInteger num = integer(f.postfix());
      BigInteger den = integer(d.postfix());
      return num == null || den == null ? null : mixed(whole, num, den);
    }
    return null;
  }

  private static Expr latexFraction(
      BigInteger whole, PostfixContext p, Function<FracArgContext, Expr> fracArg) {
    if (!p.postfixOp().isEmpty() || !(p.primary().primaryNoFunc() instanceof FracContext frac)) {
      return null;
    }
    BigInteger num = integer(fracArg.apply(frac.fracArg(0)));
    BigInteger den = integer(fracArg.apply(frac.fracArg(1)));
    return num == null || den == null ? null : mixed(whole, num, den);
  }

  private static Expr mixed(BigInteger whole, BigInteger num, BigInteger den) {
    if (num.signum() <= 0 || num.compareTo(den) >= 0) {
      return null;
    }
    Expr sum = new Add(List.of(number(whole.abs()), new Div(number(num), number(den))));
    return whole.signum() < 0 ? new Neg(sum) : sum;
  }

  /** An integer literal, optionally with a leading minus sign. */
  private static BigInteger signedInteger(UnaryContext u) {
    if (u.postfix() != null) {
      return integer(u.postfix());
    }
    if (u.MINUS() != null && u.unary().postfix() != null) {
      BigInteger v = integer(u.unary().postfix());
      return v == null ? null : v.negate();
    }
    return null;
  }

  private static BigInteger integer(PostfixContext p) {
    if (!p.postfixOp().isEmpty() || !(p.primary().primaryNoFunc() instanceof NumberContext n)) {
      return null;
    }
    String text = n.NUMBER().getText();
    return text.indexOf('.') >= 0 ? null : new BigInteger(text);
  }

  private static BigInteger integer(Expr e) {
    if (e instanceof Num n && !n.decimal() && n.value().signum() >= 0) {
      try {
        return n.value().toBigIntegerExact();
      } catch (ArithmeticException notInteger) {
        return null;
      }
    }
    return null;
  }

  private static Num number(BigInteger v) {
    return new Num(new java.math.BigDecimal(v), false);
  }
}
