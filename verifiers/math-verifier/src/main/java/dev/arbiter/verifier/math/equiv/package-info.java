/** Comparison of parsed answers: exact rationals, numeric identity tests, structure, Symja. */
package dev.arbiter.verifier.math.equiv;
