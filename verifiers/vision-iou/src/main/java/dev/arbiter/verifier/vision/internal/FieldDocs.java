package dev.arbiter.verifier.vision.internal;

/** Descriptions shared by this module's option and reference records (their JSON Schemas). */
public final class FieldDocs {

  public static final String IMAGE_SIZE =
      "[width, height] of the image in pixels; needed to convert between coords";

  /** Followed by whose coordinates, e.g. {@code COORDS_OF + "the predicted boxes"}. */
  public static final String COORDS_OF =
      "coordinate convention (pixels, fractions of the image, or Qwen-VL 0-1000) of ";

  public static final String FORMAT =
      "format reward rule: <think>…</think><answer>…</answer>, <answer>…</answer> only, or no"
          + " format component";

  public static final String BOX_FORMAT = "predicted box layout";

  public static final String IOU_TYPE = "overlap measure";

  private FieldDocs() {}
}
