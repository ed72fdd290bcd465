/**
 * MRT's progress bonus (Qu et al., "Optimizing Test-Time Compute via Meta Reinforcement
 * Fine-Tuning"): step boundaries in a response and the progress arithmetic over per-prefix success
 * estimates. The estimates themselves (forced answers scored by the gateway) are made by the run.
 */
package dev.arbiter.trainer.mrt;
