package dev.arbiter.verifier.math.extract;

import java.util.concurrent.CancellationException;

/**
 * A view of a string whose {@code charAt} throws once the thread is interrupted, so that a regex
 * scan over a hostile 1 MB response stops when the caller abandons it.
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
    if ((++reads & 0xFFF) == 0 && Thread.currentThread().isInterrupted()) {
      throw new CancellationException("interrupted");
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
