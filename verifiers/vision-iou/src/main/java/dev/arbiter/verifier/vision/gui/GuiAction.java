package dev.arbiter.verifier.vision.gui;

import dev.arbiter.verifier.vision.geometry.Box;
import java.util.Locale;
import java.util.Map;

/**
 * One GUI action, as the reference states it or the model answers it.
 *
 * @param type normalized action type ({@link #normalizeType})
 * @param point the click point, or null
 * @param box the target box, or null
 * @param text typed text, or null
 * @param direction scroll or swipe direction, lower-cased, or null
 */
public record GuiAction(String type, double[] point, Box box, String text, String direction) {

  private static final Map<String, String> ALIASES =
      Map.of("tap", "click", "input", "type", "type_text", "type", "input_text", "type");

  /** Lower-cased, spaces and hyphens as underscores, common aliases folded (tap → click). */
  public static String normalizeType(String raw) {
    String t = raw.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    return ALIASES.getOrDefault(t, t);
  }
}
