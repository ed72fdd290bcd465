/** Dynamic micro-batching of model inputs, apart from any endpoint. */
package dev.arbiter.model.principle.batch;
