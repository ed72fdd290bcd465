/**
 * open-r1's shaping rewards ({@code src/open_r1/rewards.py}) and DAPO's soft overlong punishment:
 * {@code format}, {@code length}, {@code repetition}, {@code reasoning-steps}.
 */
package dev.arbiter.verifier.rules.shaping;
