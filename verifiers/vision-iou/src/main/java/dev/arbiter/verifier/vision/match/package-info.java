/** One-to-one matching of predicted boxes to ground-truth boxes: greedy (Visual-RFT) or optimal. */
package dev.arbiter.verifier.vision.match;
