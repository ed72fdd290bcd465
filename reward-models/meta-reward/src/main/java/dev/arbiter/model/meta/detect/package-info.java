/**
 * Reward-hacking detectors over the stream of judged items of a task: each measures one statistic
 * over a recent window and raises an alarm past its threshold.
 */
package dev.arbiter.model.meta.detect;
