/** Not API: shared field descriptions and the shared scorer frame of this module. */
package dev.arbiter.verifier.vision.internal;
