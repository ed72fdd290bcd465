/**
 * Text primitives shared by the scorers, each linear in its input (no backtracking regex): anchored
 * tag patterns, answer normalization, {@code \boxed{}} extraction, ROUGE-L, bounded JSON.
 */
package dev.arbiter.verifier.rules.text;
