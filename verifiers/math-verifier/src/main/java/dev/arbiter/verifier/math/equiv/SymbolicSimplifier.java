package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;

/** The CAS seam: decides whether {@code a - b} simplifies to zero. */
public interface SymbolicSimplifier {

  /** True or false when the CAS decided, null when it could not (unsupported, over a guard). */
  Boolean isZeroDifference(Expr a, Expr b);

  /** Whether a CAS is there at all. */
  default boolean available() {
    return true;
  }

  /** No CAS: every question is undecided. */
  SymbolicSimplifier NONE =
      new SymbolicSimplifier() {
        @Override
        public Boolean isZeroDifference(Expr a, Expr b) {
          return null;
        }

        @Override
        public boolean available() {
          return false;
        }
      };
}
