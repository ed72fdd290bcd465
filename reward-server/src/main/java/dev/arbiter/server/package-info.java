/**
 * The thin Spring WebFlux edge shared by every Arbiter service. Scorer logic never depends on it.
 */
package dev.arbiter.server;
