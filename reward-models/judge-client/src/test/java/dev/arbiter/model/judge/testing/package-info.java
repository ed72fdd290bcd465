/**
 * A scripted OpenAI-compatible server for tests, benchmarks and demos of judge-based scorers: it
 * answers {@code POST /v1/chat/completions} from a queue of {@link
 * dev.arbiter.model.judge.testing.ScriptedReply scripted replies} or a responder function, with
 * delays, HTTP errors, malformed bodies and dropped connections on demand. JDK {@code
 * com.sun.net.httpserver} only; not for production traffic.
 */
package dev.arbiter.model.judge.testing;
