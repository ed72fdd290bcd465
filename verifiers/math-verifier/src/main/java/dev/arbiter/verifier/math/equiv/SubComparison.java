package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;

/** The whole comparison, as the rules call it back for the parts of an answer. */
@FunctionalInterface
interface SubComparison {
  Verdict verdict(Expr gold, Expr pred, ComparisonOptions options);
}
