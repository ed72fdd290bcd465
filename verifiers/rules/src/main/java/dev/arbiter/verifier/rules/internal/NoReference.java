package dev.arbiter.verifier.rules.internal;

import com.fasterxml.jackson.annotation.JsonClassDescription;

/** The reference record of a scorer that reads none (its schema: any object). */
@JsonClassDescription("no reference is read")
public record NoReference() {}
