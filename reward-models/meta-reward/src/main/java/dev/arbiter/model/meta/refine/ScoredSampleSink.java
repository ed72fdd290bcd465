package dev.arbiter.model.meta.refine;

/** Receives every item judged under a task's current rubric. Must not block for long. */
@FunctionalInterface
public interface ScoredSampleSink {

  void accept(ScoredSample sample);

  ScoredSampleSink NONE = s -> {};
}
