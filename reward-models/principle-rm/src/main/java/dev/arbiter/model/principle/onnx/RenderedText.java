package dev.arbiter.model.principle.onnx;

/**
 * Text rendered from a template, with where the prompt and the response landed in it (character
 * offsets, end exclusive; -1 when the template has no such slot).
 */
public record RenderedText(
    String text, int promptStart, int promptEnd, int responseStart, int responseEnd) {

  /**
   * Renders {@code template}, replacing {@code {principles}}, {@code {prompt}} and {@code
   * {response}} in one left-to-right pass, so braces inside the values are never expanded.
   */
  public static RenderedText render(
      String template, String principles, String prompt, String response) {
    StringBuilder out = new StringBuilder(template.length() + prompt.length() + response.length());
    int ps = -1;
    int pe = -1;
    int rs = -1;
    int re = -1;
    int i = 0;
    while (i < template.length()) {
      if (template.startsWith("{principles}", i)) {
        out.append(principles);
        i += "{principles}".length();
      } else if (template.startsWith("{prompt}", i)) {
        ps = out.length();
        out.append(prompt);
        pe = out.length();
        i += "{prompt}".length();
      } else if (template.startsWith("{response}", i)) {
        rs = out.length();
        out.append(response);
        re = out.length();
        i += "{response}".length();
      } else {
        out.append(template.charAt(i++));
      }
    }
    return new RenderedText(out.toString(), ps, pe, rs, re);
  }
}
