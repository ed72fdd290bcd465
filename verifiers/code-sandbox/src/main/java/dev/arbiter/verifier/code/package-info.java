/** The {@code code} scorer: untrusted programs run in a sandbox against test cases. */
package dev.arbiter.verifier.code;
