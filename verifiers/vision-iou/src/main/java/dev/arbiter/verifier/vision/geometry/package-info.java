/** Axis-aligned boxes, their overlap measures (IoU, GIoU, DIoU) and coordinate conventions. */
package dev.arbiter.verifier.vision.geometry;
