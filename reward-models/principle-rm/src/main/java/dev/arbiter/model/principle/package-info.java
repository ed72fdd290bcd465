/** The principle-following reward model service: principles, scorer, backends, wiring. */
package dev.arbiter.model.principle;
