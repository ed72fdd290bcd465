package dev.arbiter.model.meta.detect;

/**
 * One detector's latest reading for a task.
 *
 * @param detector the detector name
 * @param value the statistic
 * @param threshold the alarm threshold
 * @param alarm {@code value >= threshold} over at least the minimum window
 * @param window how many items it was measured over
 */
public record DetectorReading(
    String detector, double value, double threshold, boolean alarm, int window) {}
