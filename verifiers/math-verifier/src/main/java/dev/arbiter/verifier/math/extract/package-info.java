/** Finding candidate answers in a response and normalizing them for the grammar. */
package dev.arbiter.verifier.math.extract;
