/**
 * Reading model responses: the {@code <answer>} region, the format rule, and a bounded, lenient
 * extraction of the JSON box list or object inside it.
 */
package dev.arbiter.verifier.vision.parse;
