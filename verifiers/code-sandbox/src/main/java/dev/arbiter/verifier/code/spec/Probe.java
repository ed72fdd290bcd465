package dev.arbiter.verifier.code.spec;

/**
 * One candidate expression the harness evaluates in the program's process, and what its value must
 * satisfy (decided in Java).
 *
 * @param expression source of the candidate side, in the test's language
 * @param check the comparison against the expected side
 */
public record Probe(String expression, Check check) {}
