/** The {@code detection} scorer: Visual-RFT's IoU, confidence and format rewards, and mAP. */
package dev.arbiter.verifier.vision.detection;
