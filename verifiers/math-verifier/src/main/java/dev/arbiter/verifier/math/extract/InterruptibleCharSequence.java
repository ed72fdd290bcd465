package dev.arbiter.verifier.math.extract;

import dev.arbiter.verifier.math.equiv.WorkBudget;

/**
 * A view of a string whose {@code charAt} checks the item's {@link WorkBudget} every 4,096 reads,
 * so that a regex scan over a hostile 1 MB response stops when its budget is spent or the caller
 * abandons it.
 */
public final class InterruptibleCharSequence implements CharSequence {

  private final String text;
  private final int offset;
  private final int length;
  private int reads;

  public InterruptibleCharSequence(String text) {
    this(text, 0, text.length());
  }

  private InterruptibleCharSequence(String text, int offset, int length) {
    this.text = text;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public char charAt(int index) {
    if ((++reads & 0xFFF) == 0) {
      WorkBudget.check();
    }
    return text.charAt(offset + index);
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new InterruptibleCharSequence(text, offset + start, end - start);
  }

  @Override
  public String toString() {
    return text.substring(offset, offset + length);
  }
}
