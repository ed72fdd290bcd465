package dev.arbiter.verifier.vision.detection;

/** Which accuracy terms make up the {@code detection} total (the format term is added to each). */
public enum DetectionReward {
  /** {@code iou + confidence}, as Visual-RFT sums its rewards. */
  VISUAL_RFT,
  /** {@code iou} only. */
  IOU,
  /** {@code map}: mean average precision over IoU thresholds 0.50, 0.55, …, 0.95. */
  MAP
}
