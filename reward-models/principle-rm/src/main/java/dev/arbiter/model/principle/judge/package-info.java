/** The LLM-judge backend over the shared OpenAI-compatible judge client. */
package dev.arbiter.model.principle.judge;
