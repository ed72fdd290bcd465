/** {@code tool-call}: ToolRL's format and tool-call correctness rewards. */
package dev.arbiter.verifier.rules.tool;
