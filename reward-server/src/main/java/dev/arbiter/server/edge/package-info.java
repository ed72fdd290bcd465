/**
 * The HTTP connection edge below Spring: framing errors Reactor Netty rejects before a request
 * reaches WebFlux become RFC 9457 problems, slow or idle connections are closed, and a connection
 * closed after an early answer (a 413 before the body was read) lingers to drop the rest of the
 * body, so that a client still writing reads the answer instead of a reset.
 */
package dev.arbiter.server.edge;
