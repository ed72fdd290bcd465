package dev.arbiter.verifier.math.ast;

import java.math.BigDecimal;
import java.util.List;

/**
 * The verifier's own AST for a parsed answer: expressions, relations, sets, tuples, intervals,
 * matrices and text. Immutable; built by {@code AstBuilder}, compared by {@code
 * EquivalenceChecker}.
 */
public sealed interface Expr {

  /** A number literal. {@code decimal} marks a literal written with a decimal point (a float). */
  record Num(BigDecimal value, boolean decimal) implements Expr {}

  /** A variable or unknown constant: {@code x}, {@code a_37}, {@code alpha}, {@code 204_5}. */
  record Sym(String name) implements Expr {}

  /** The named constants. */
  enum Constant implements Expr {
    PI,
    E,
    I,
    INFINITY
  }

  /** A sum of terms (subtraction is a {@link Neg} term). */
  record Add(List<Expr> terms) implements Expr {}

  /** A product of factors (implicit or explicit). */
  record Mul(List<Expr> factors) implements Expr {}

  record Div(Expr numerator, Expr denominator) implements Expr {}

  record Neg(Expr operand) implements Expr {}

  record Pow(Expr base, Expr exponent) implements Expr {}

  /** {@code index}-th root; index 2 for a square root. */
  record Root(Expr radicand, Expr index) implements Expr {}

  record Factorial(Expr operand) implements Expr {}

  record Binomial(Expr n, Expr k) implements Expr {}

  record Abs(Expr operand) implements Expr {}

  /** {@code x%}: compared both as x and as x/100. */
  record Percent(Expr operand) implements Expr {}

  /** A known function ({@code sin}, {@code ln}, {@code log} with base in args[1], ...). */
  record Func(String name, List<Expr> args) implements Expr {}

  /** {@code left ± right}; a leading {@code ±x} has left null. */
  record PlusMinus(Expr left, Expr right, boolean minusFirst) implements Expr {}

  /** {@code a : b}. */
  record Ratio(Expr left, Expr right) implements Expr {}

  /** A relation chain {@code a op0 b op1 c ...}; ops are {@code = != < > <= >= ~ in}. */
  record Rel(List<Expr> operands, List<String> ops) implements Expr {}

  /** An unordered finite set (from {@code \{...\}} or a bare comma list). */
  record SetOf(List<Expr> elements) implements Expr {}

  /**
   * An ordered tuple. {@code parenthesized} marks {@code (a, b)}, which may also mean an open
   * interval.
   */
  record Tuple(List<Expr> elements, boolean parenthesized) implements Expr {}

  record Interval(Expr low, Expr high, boolean lowOpen, boolean highOpen) implements Expr {}

  record Union(List<Expr> parts) implements Expr {}

  /** Set operations other than union ({@code \cap}, {@code \setminus}), kept structural. */
  record SetOp(String op, Expr left, Expr right) implements Expr {}

  record Matrix(List<List<Expr>> rows) implements Expr {}

  /** Text ({@code \text{Evelyn}}), compared as normalized words. */
  record Text(String text) implements Expr {}

  /** Big operators ({@code sum}, {@code prod}) and other structure compared only by form. */
  record Op(String name, List<Expr> args) implements Expr {}
}
