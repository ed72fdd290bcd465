/**
 * Reading model responses: the {@code <answer>} region, the format rule, and a bounded, lenient
 * reading of the JSON box list or object inside it (with {@code dev.arbiter.api.json.LenientJson}).
 */
package dev.arbiter.verifier.vision.parse;
