/** The meta-reward loop (MPO): samples, the analyze-refine-merge refiner and its triggers. */
package dev.arbiter.model.meta.refine;
