/**
 * Instance filtering before RL (RIF-RFT's rollout-based filter, MagicGUI's static filter): which
 * training instances carry no learning signal for the starting policy.
 */
package dev.arbiter.trainer.filter;
