package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScoreItem;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A request's items that remember where each one lies in the request body, so that an HTTP backend
 * can send the client's own bytes for them instead of encoding the decoded items again (the
 * request's largest cost after decoding it; BENCHMARKS.md). Read-only; every element is the decoded
 * item the gateway routes, checks and caches by, and the bytes are exactly what that item was
 * decoded from (one JSON object), so the scorer service reads the same item.
 */
public final class ForwardableItems extends AbstractList<ScoreItem> implements RandomAccess {

  private static final byte[] PREFIX = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);

  private final List<ScoreItem> items;
  private final byte[] body;
  private final int[] start;
  private final int[] end;

  /**
   * @param items the decoded items
   * @param body the request body they were decoded from
   * @param start where each item's JSON object starts in {@code body} (ignored for a null item)
   * @param end where each ends (exclusive)
   * @throws IllegalArgumentException when an item's span is not a JSON object of {@code body}
   */
  public ForwardableItems(List<ScoreItem> items, byte[] body, int[] start, int[] end) {
    if (items.size() != start.length || items.size() != end.length) {
      throw new IllegalArgumentException("one span per item expected");
    }
    for (int i = 0; i < start.length; i++) {
      if (items.get(i) != null
          && (start[i] < 0
              || end[i] > body.length
              || end[i] - start[i] < 2
              || body[start[i]] != '{'
              || body[end[i] - 1] != '}')) {
        throw new IllegalArgumentException("item " + i + " has no JSON object span");
      }
    }
    this.items = items;
    this.body = body;
    this.start = start;
    this.end = end;
  }

  @Override
  public ScoreItem get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }

  /** The (non-null) items at {@code indexes}, in that order, still forwardable. */
  public ForwardableItems select(List<Integer> indexes) {
    int n = indexes.size();
    ScoreItem[] chosen = new ScoreItem[n];
    int[] s = new int[n];
    int[] e = new int[n];
    for (int k = 0; k < n; k++) {
      int i = indexes.get(k);
      chosen[k] = items.get(i);
      if (chosen[k] == null) {
        throw new IllegalArgumentException("item " + i + " is null");
      }
      s[k] = start[i];
      e[k] = end[i];
    }
    return new ForwardableItems(List.of(chosen), body, s, e);
  }

  /** {@code {"items":[...]}} made of the items' original bytes. */
  public byte[] requestBody() {
    int length = PREFIX.length + SUFFIX.length + Math.max(0, start.length - 1);
    for (int i = 0; i < start.length; i++) {
      length += end[i] - start[i];
    }
    byte[] out = new byte[length];
    System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
    int at = PREFIX.length;
    for (int i = 0; i < start.length; i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      int len = end[i] - start[i];
      System.arraycopy(body, start[i], out, at, len);
      at += len;
    }
    System.arraycopy(SUFFIX, 0, out, at, SUFFIX.length);
    return out;
  }
}
