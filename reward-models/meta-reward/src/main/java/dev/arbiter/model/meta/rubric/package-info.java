/** Rubrics: items, versions with provenance, publication limits and diffs. Plain Java. */
package dev.arbiter.model.meta.rubric;
