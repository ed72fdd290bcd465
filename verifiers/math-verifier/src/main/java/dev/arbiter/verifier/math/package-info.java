/**
 * The math scorer: options, the synchronous verifier, the budgeted {@code Scorer} and its Spring
 * wiring.
 */
package dev.arbiter.verifier.math;
