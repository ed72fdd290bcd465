package dev.arbiter.model.principle;

import dev.arbiter.api.RequestProblem;
import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreResult;
import dev.arbiter.api.Scorer;
import dev.arbiter.api.ScorerDescriptor;
import dev.arbiter.api.fields.RecordSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code principle} scorer: reads each item's principles (see {@link PrincipleCatalog}) and
 * hands the batch to a {@link RewardBackend}. Plain Java, no Spring.
 */
public final class PrincipleScorer implements Scorer {

  public static final String ID = "principle";
  public static final String VERSION = "principle-rm/0.1.0";

  private final RewardBackend backend;
  private final PrincipleCatalog catalog;
  private final ScorerDescriptor descriptor;

  public PrincipleScorer(RewardBackend backend, PrincipleCatalog catalog) {
    this.backend = backend;
    this.catalog = catalog;
    this.descriptor =
        new ScorerDescriptor(
                ID,
                VERSION,
                backend.description(),
                Map.of("type", "object"),
                RecordSchemas.options(PrincipleOptions.class))
            .withCacheable(backend.deterministic());
  }

  @Override
  public ScorerDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public void checkRequest(ScoreItem item) {
    catalog.select(item);
  }

  @Override
  public int preferredBatchSize() {
    return backend.preferredBatchSize();
  }

  @Override
  public ScoreResult score(ScoreItem item) {
    return scoreBatch(List.of(item)).get(0);
  }

  @Override
  public List<ScoreResult> scoreBatch(List<ScoreItem> items) {
    ScoreResult[] out = new ScoreResult[items.size()];
    List<PrincipledItem> valid = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    List<PrincipleCatalog.Selection> selections = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ScoreItem item = items.get(i);
      try {
        PrincipleCatalog.Selection s = catalog.select(item);
        valid.add(
            new PrincipledItem(
                item.prompt() == null ? "" : item.prompt(),
                item.response(),
                s.principles(),
                s.mode()));
        where.add(i);
        selections.add(s);
      } catch (RequestProblem e) {
        // Reached only when the serving layer did not run checkRequest (e.g. an in-process
        // caller): the item alone is unusable.
        out[i] = ScoreResult.invalidRequest(item.id(), e.getMessage());
      }
    }
    if (!valid.isEmpty()) {
      List<ScoreResult> scored = backend.score(valid);
      for (int k = 0; k < where.size(); k++) {
        int i = where.get(k);
        out[i] = annotate(scored.get(k), selections.get(k)).withId(items.get(i).id());
      }
    }
    return List.of(out);
  }

  private static ScoreResult annotate(ScoreResult r, PrincipleCatalog.Selection s) {
    if (!r.usable()) {
      return r;
    }
    Map<String, Object> details = new LinkedHashMap<>(r.details());
    details.put("mode", s.mode().wire());
    details.put("principles", s.principles().stream().map(Principle::dimension).toList());
    if (s.sampled()) {
      details.put("sampled", true);
    }
    return new ScoreResult(
        r.id(), r.reward(), r.status(), r.mask(), r.components(), details, r.scorer(), 0);
  }

  @Override
  public String toString() {
    return "PrincipleScorer[" + backend.description() + "]";
  }
}
