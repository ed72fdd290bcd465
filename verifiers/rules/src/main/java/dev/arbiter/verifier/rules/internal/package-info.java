/** Not API: the shared scorer frame and the empty reference record of this module. */
package dev.arbiter.verifier.rules.internal;
