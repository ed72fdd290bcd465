package dev.arbiter.verifier.vision.parse;

import dev.arbiter.verifier.vision.geometry.Box;

/**
 * A box as a response or reference lists it.
 *
 * @param box the corners, in the convention the list was given in
 * @param label the class label, or null
 * @param confidence the stated confidence in [0, 1]; 1 when none was stated
 */
public record LabeledBox(Box box, String label, double confidence) {}
