/** The {@code classification} scorer (CLS-RL / Visual-RFT): answer text against a label. */
package dev.arbiter.verifier.vision.classification;
