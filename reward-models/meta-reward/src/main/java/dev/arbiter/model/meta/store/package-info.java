/**
 * Durable rubric history: an append-only line of versions per task, published with optimistic
 * versioning so that concurrent authors cannot fork it.
 */
package dev.arbiter.model.meta.store;
