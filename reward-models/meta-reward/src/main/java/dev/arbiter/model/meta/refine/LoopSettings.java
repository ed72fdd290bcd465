package dev.arbiter.model.meta.refine;

/**
 * When the loop refines.
 *
 * @param every refine after this many items judged under the current rubric; 0 turns it off
 * @param sampleSize samples shown to the meta-model
 * @param prescreen pick the highest-scored samples out of a larger recent pool (MPO's prescreen)
 * @param prescreenPool the pool size when prescreening
 * @param refineOnAlarm refine when a detector raises an alarm
 * @param window how many recent items the detectors and the sampler keep per task
 * @param detectEvery evaluate the detectors after every this many items
 */
public record LoopSettings(
    int every,
    int sampleSize,
    boolean prescreen,
    int prescreenPool,
    boolean refineOnAlarm,
    int window,
    int detectEvery) {}
