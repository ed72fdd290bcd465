package dev.arbiter.gateway.openrlhf;

/**
 * Separates the response from an OpenRLHF query (prompt + response, decoded from tokens).
 *
 * <p>OpenRLHF left-truncates a prompt that is too long, so the query may start inside the prompt:
 * the response then follows the longest tail of the prompt that the query starts with, allowing a
 * few characters of a partly decoded first token and requiring an overlap of at least {@value
 * #ANCHOR} characters (or the whole prompt). A query whose response cannot be separated is never
 * scored whole. The Python client's {@code arbiter_client.openrlhf.split_query} does the same.
 */
final class QuerySplitter {

  static final int ANCHOR = 16;
  static final int SLACK = 8;

  /** The separated response, or {@code null} with {@code truncated} false when none. */
  record Split(String response, boolean promptTruncated) {
    boolean separated() {
      return response != null;
    }
  }

  private QuerySplitter() {}

  static Split split(String query, String prompt) {
    if (query == null || prompt == null) {
      return new Split(null, false);
    }
    if (query.startsWith(prompt)) {
      return new Split(query.substring(prompt.length()), false);
    }
    int anchorLength = Math.min(ANCHOR, prompt.length());
    if (anchorLength == 0) {
      return new Split(null, false);
    }
    for (int skip = 0; skip <= SLACK && skip + anchorLength <= query.length(); skip++) {
      String rest = query.substring(skip);
      String anchor = rest.substring(0, anchorLength);
      for (int at = prompt.indexOf(anchor); at >= 0; at = prompt.indexOf(anchor, at + 1)) {
        String overlap = prompt.substring(at);
        if (rest.startsWith(overlap)) {
          return new Split(rest.substring(overlap.length()), true);
        }
      }
    }
    return new Split(null, false);
  }
}
