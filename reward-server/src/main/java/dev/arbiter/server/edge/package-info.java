/**
 * The HTTP connection edge below Spring: framing errors Reactor Netty rejects before a request
 * reaches WebFlux become RFC 9457 problems, and slow or idle connections are closed.
 */
package dev.arbiter.server.edge;
