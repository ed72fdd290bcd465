/** The embedded zero-shot MiniLM demo scorer. */
package dev.arbiter.model.principle.embed;
