/** The rubric judge: prompt rendering, verdict parsing and the {@code rubric} scorer. */
package dev.arbiter.model.meta.judge;
