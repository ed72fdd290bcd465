package dev.arbiter.verifier.rules.shaping;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.Range;
import dev.arbiter.api.fields.RecordSchemas;
import dev.arbiter.verifier.rules.internal.NoReference;
import dev.arbiter.verifier.rules.internal.RuleScorer;
import dev.arbiter.verifier.rules.text.Words;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code repetition}: open-r1's {@code get_repetition_penalty_reward} (Demystifying Long CoT,
 * Appendix C.2): with the words of {@code response.lower().split()}, {@code (1 − distinct n-grams /
 * n-grams) · max_penalty}; 0 for an empty response or one of fewer than {@code ngram_size} words.
 */
public final class RepetitionScorer extends RuleScorer<RepetitionScorer.Options> {

  @JsonClassDescription("repetition options")
  record Options(
      @JsonPropertyDescription("n of the n-grams (open-r1: 3)") @Range(min = 1, max = 64)
          Integer ngramSize,
      @JsonPropertyDescription("penalty of a fully repeated response, <= 0 (open-r1: -1)")
          @Range(min = -1e6, max = 0)
          Double maxPenalty) {
    Options {
      ngramSize = ngramSize == null ? 3 : ngramSize;
      maxPenalty = maxPenalty == null ? -1.0 : maxPenalty;
    }
  }

  private static final ScorerDescriptor DESCRIPTOR =
      new ScorerDescriptor(
          "repetition",
          VERSION,
          "open-r1 n-gram repetition penalty: (1 - distinct/total n-grams) * max_penalty",
          RecordSchemas.reference(NoReference.class),
          RecordSchemas.options(Options.class));

  public RepetitionScorer(int maxResponseChars) {
    super(DESCRIPTOR, Options.class, maxResponseChars);
  }

  @Override
  protected double floor(Options options) {
    return options.maxPenalty();
  }

  @Override
  protected ScoreResult scoreChecked(ScoreItem item, Options o) {
    int n = o.ngramSize();
    double maxPenalty = o.maxPenalty();
    List<String> words = Words.split(item.response().toLowerCase(Locale.ROOT));
    if (words.size() < n) {
      return ScoreResult.ok(
          item.id(),
          0.0,
          Map.of("repetition", 0.0),
          reason("fewer than " + n + " words: no n-grams, no penalty"));
    }
    int total = words.size() - n + 1;
    int distinct = distinctNgrams(words, n);
    double reward = (1 - (double) distinct / total) * maxPenalty;
    reward = reward == 0 ? 0.0 : reward; // no -0.0
    Map<String, Object> details = reason(distinct + " distinct of " + total + " " + n + "-grams");
    details.put("ngrams", total);
    details.put("distinct_ngrams", distinct);
    return ScoreResult.ok(item.id(), reward, Map.of("repetition", reward), details);
  }

  /** Distinct n-grams, words interned to ints so an n-gram is a small int array. */
  static int distinctNgrams(List<String> words, int n) {
    Map<String, Integer> ids = new HashMap<>();
    int[] seq = new int[words.size()];
    for (int i = 0; i < seq.length; i++) {
      seq[i] = ids.computeIfAbsent(words.get(i), w -> ids.size());
    }
    Set<Ngram> seen = new HashSet<>();
    for (int i = 0; i + n <= seq.length; i++) {
      seen.add(new Ngram(seq, i, n));
    }
    return seen.size();
  }

  /** A window of the interned word sequence, compared by content. */
  private static final class Ngram {
    private final int[] seq;
    private final int from;
    private final int n;
    private final int hash;

    Ngram(int[] seq, int from, int n) {
      this.seq = seq;
      this.from = from;
      this.n = n;
      int h = 1;
      for (int i = from; i < from + n; i++) {
        h = 31 * h + seq[i];
      }
      this.hash = h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Ngram g
          && g.hash == hash
          && Arrays.equals(seq, from, from + n, g.seq, g.from, g.from + n);
    }
  }
}
