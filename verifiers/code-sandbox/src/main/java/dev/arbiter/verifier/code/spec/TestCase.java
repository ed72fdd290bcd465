package dev.arbiter.verifier.code.spec;

/**
 * One run of the program: what it reads and how its result is judged.
 *
 * @param stdin standard input of the run
 * @param expectedStdout the expected output ({@link TestSpec.Kind#STDIO}); null otherwise
 * @param expectedValue the expected return value ({@link TestSpec.Kind#FUNCTION}); null otherwise
 * @param label a short description for details (the assert text, the arguments)
 */
public record TestCase(String stdin, String expectedStdout, Object expectedValue, String label) {}
