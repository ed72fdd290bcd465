/** The {@code gui-action} scorer (MagicGUI-style): action type, click location, typed text. */
package dev.arbiter.verifier.vision.gui;
