package dev.arbiter.gateway.routing;

import dev.arbiter.api.ScoreItem;
import dev.arbiter.api.ScoreRequest;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * The items of one scoring call and, where the gateway has them, the client's own bytes for each
 * item: a request body read by {@link ForwardingRequestDecoder} keeps where each item's JSON object
 * lies, so an {@link HttpBackend} sends those bytes ({@link #requestBody()}) instead of encoding
 * the decoded items again. Every item is the decoded item the gateway routes, checks and caches by,
 * and its bytes are exactly what it was decoded from, so a scorer service reads the same item.
 * Items the gateway makes or rewrites (a profile's calls, OpenRLHF's items) have no bytes and are
 * encoded.
 */
public final class ItemBatch {

  private static final byte[] PREFIX = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);

  private final List<ScoreItem> items;

  /** The request body the items were decoded from; null when they are to be encoded. */
  private final byte[] body;

  private final int[] start;
  private final int[] end;

  private ItemBatch(List<ScoreItem> items, byte[] body, int[] start, int[] end) {
    this.items = items;
    this.body = body;
    this.start = start;
    this.end = end;
  }

  /** Items without their bytes: encoded when sent. */
  public static ItemBatch of(List<ScoreItem> items) {
    return new ItemBatch(items, null, null, null);
  }

  /**
   * A request's items: with the client's bytes when {@link ForwardingRequestDecoder} read its body,
   * else without.
   */
  public static ItemBatch of(ScoreRequest request) {
    return request.items() instanceof DecodedItems decoded ? decoded.batch : of(request.items());
  }

  /**
   * Items with their bytes.
   *
   * @param body the request body they were decoded from
   * @param start where each item's JSON object starts in {@code body} (ignored for a null item)
   * @param end where each ends (exclusive)
   * @throws IllegalArgumentException when an item's span is not a JSON object of {@code body}
   */
  static ItemBatch forwarded(List<ScoreItem> items, byte[] body, int[] start, int[] end) {
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
    return new ItemBatch(items, body, start, end);
  }

  public List<ScoreItem> items() {
    return items;
  }

  public int size() {
    return items.size();
  }

  public ScoreItem get(int index) {
    return items.get(index);
  }

  /** Whether the batch is sent as the client's bytes. */
  public boolean forwarded() {
    return body != null;
  }

  /** The (non-null) items at {@code indexes}, in that order, with their bytes if the batch has. */
  public ItemBatch select(List<Integer> indexes) {
    int n = indexes.size();
    ScoreItem[] chosen = new ScoreItem[n];
    int[] s = body == null ? null : new int[n];
    int[] e = body == null ? null : new int[n];
    for (int k = 0; k < n; k++) {
      int i = indexes.get(k);
      chosen[k] = items.get(i);
      if (chosen[k] == null) {
        throw new IllegalArgumentException("item " + i + " is null");
      }
      if (body != null) {
        s[k] = start[i];
        e[k] = end[i];
      }
    }
    return new ItemBatch(List.of(chosen), body, s, e);
  }

  /**
   * {@code {"items":[...]}} made of the items' original bytes; empty when the batch has none and
   * must be encoded.
   */
  public Optional<byte[]> requestBody() {
    if (body == null) {
      return Optional.empty();
    }
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
    return Optional.of(out);
  }

  /**
   * The list {@link ForwardingRequestDecoder} puts in the {@link ScoreRequest} it decodes: the
   * shared {@code /v1/score} endpoint hands the handler the contract's request, so this list
   * carries the batch, with its bytes, to {@link #of(ScoreRequest)}. Read-only.
   */
  static final class DecodedItems extends AbstractList<ScoreItem> implements RandomAccess {

    private final ItemBatch batch;

    DecodedItems(ItemBatch batch) {
      this.batch = batch;
    }

    @Override
    public ScoreItem get(int index) {
      return batch.items.get(index);
    }

    @Override
    public int size() {
      return batch.items.size();
    }
  }
}
