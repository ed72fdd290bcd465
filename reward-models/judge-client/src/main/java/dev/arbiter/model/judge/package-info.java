/**
 * An OpenAI-compatible {@code /v1/chat/completions} client for generative judges served by vLLM,
 * SGLang, Ollama or llama.cpp: {@link dev.arbiter.model.judge.JudgeClient} is the seam, {@link
 * dev.arbiter.model.judge.OpenAiJudgeClient} the WebClient + Resilience4j implementation.
 */
package dev.arbiter.model.judge;
