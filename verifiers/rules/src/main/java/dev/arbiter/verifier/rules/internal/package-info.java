/** Not API: option and reference reading, schemas and the shared scorer frame of this module. */
package dev.arbiter.verifier.rules.internal;
