/** {@code web-action}: Shop-R1's hierarchical reward for a simulated shopper's next action. */
package dev.arbiter.verifier.rules.web;
