/**
 * The HTTP connection edge below Spring: framing errors Reactor Netty rejects before a request
 * reaches WebFlux become RFC 9457 problems, slow or idle connections are closed, and a connection
 * closed after an early answer (a 413 before the body was read) lingers to drop the rest of the
 * body, so that a client still writing reads the answer instead of a reset.
 *
 * <p>Known, below this package: when the codecs' in-memory limit cuts a <em>chunked</em> body off,
 * the client gets its 413, but every buffer that {@code DataBufferUtils.join} discards is released
 * twice (two DataBuffer discard hooks are composed at its collect; Spring 7.0.8, Reactor 3.8.6,
 * Reactor Netty 1.3.8), so the next chunk sliced from the same decoder buffer fails Reactor Netty's
 * own release ({@code IllegalReferenceCountException}, logged) and the connection closes. Traced
 * per chunk; the same with this package's handlers out of the pipeline. A fix on our side would
 * read chunked bodies up to the limit in {@code BodyLimitFilter} with a plain subscriber and answer
 * the 413 there. {@code BodyLimitEdgeIT} checks the other cut-offs for leaks.
 */
package dev.arbiter.server.edge;
