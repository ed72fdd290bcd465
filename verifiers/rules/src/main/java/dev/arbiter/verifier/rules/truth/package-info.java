/** {@code truthfulness}: TruthRL's ternary reward (correct / abstain / wrong) and its variants. */
package dev.arbiter.verifier.rules.truth;
