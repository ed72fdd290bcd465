package dev.arbiter.verifier.vision.grounding;

/** The accuracy term of {@code grounding}. */
public enum GroundingReward {
  /** The overlap itself (IoU in [0, 1], GIoU/DIoU in [-1, 1]). */
  IOU,
  /** 1 when the overlap is above {@code iou_threshold}, else 0 (VLM-R1 / Visual-RFT style). */
  THRESHOLD
}
