package dev.arbiter.model.judge;

/**
 * An alternative token at one position.
 *
 * @param token the token text
 * @param logprob its natural-log probability
 */
public record TopLogprob(String token, double logprob) {}
