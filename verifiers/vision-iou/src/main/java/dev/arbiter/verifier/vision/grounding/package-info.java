/** The {@code grounding} scorer: one predicted box against one ground-truth box. */
package dev.arbiter.verifier.vision.grounding;
