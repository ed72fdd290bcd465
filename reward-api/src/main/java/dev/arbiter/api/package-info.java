/**
 * The scoring contract every Arbiter service speaks: request and result records, statuses, the
 * {@link dev.arbiter.api.Scorer} SPI and request problem types. Plain Java.
 */
package dev.arbiter.api;
