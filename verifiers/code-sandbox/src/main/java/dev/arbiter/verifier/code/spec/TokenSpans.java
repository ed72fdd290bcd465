package dev.arbiter.verifier.code.spec;

import dev.arbiter.verifier.code.spec.Lexer.Token;
import dev.arbiter.verifier.code.spec.Lexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A snippet's tokens and the range helpers the assert parsers share: bracket matching, top-level
 * argument lists, the literal value and source text of a token range, and whether a range holds
 * something ({@code blockers} at the top level, dynamic code) that keeps it from being a plain
 * candidate expression.
 */
final class TokenSpans {

  private final String src;
  private final List<Token> t;
  private final Lexer.Lang lang;
  private final Set<String> blockers;

  TokenSpans(String src, Lexer.Lang lang, Set<String> blockers) {
    this.src = src;
    this.t = Lexer.tokens(src, lang);
    this.lang = lang;
    this.blockers = blockers;
  }

  List<Token> tokens() {
    return t;
  }

  boolean blocked(int from, int to) {
    int depth = 0;
    for (int k = from; k < to; k++) {
      Token x = t.get(k);
      depth += PythonAsserts.depthChange(x);
      if (x.type() == Type.DYNAMIC
          || (depth == 0 && x.type() == Type.OP && blockers.contains(x.text()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The top-level comma-separated ranges between the brackets at {@code open} and {@code close}.
   */
  List<int[]> arguments(int open, int close) {
    List<int[]> out = new ArrayList<>();
    int start = open + 1;
    int depth = 0;
    for (int k = open + 1; k < close; k++) {
      depth += PythonAsserts.depthChange(t.get(k));
      if (depth == 0 && t.get(k).is(",")) {
        out.add(new int[] {start, k});
        start = k + 1;
      }
    }
    if (start < close) {
      out.add(new int[] {start, close});
    }
    return out;
  }

  int matching(int open) {
    int depth = 0;
    for (int k = open; k < t.size(); k++) {
      depth += PythonAsserts.depthChange(t.get(k));
      if (depth == 0) {
        return k;
      }
    }
    throw new IllegalArgumentException("unbalanced brackets");
  }

  /** The literal in {@code [from, to)}, or null when it is none. */
  Value literal(int from, int to) {
    if (from >= to) {
      return null;
    }
    try {
      return Literals.parse(t, from, to, lang);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  String text(int from, int to) {
    return src.substring(t.get(from).start(), t.get(to - 1).end());
  }

  /**
   * {@code <candidate> op <literal>}, or {@code <literal> op <candidate>} (the comparison flipped),
   * around the operator at {@code at} in {@code [from, to)}; null when neither side is a literal.
   */
  Probe literalSide(int from, int at, int to, Check.Op op) {
    Value right = literal(at + 1, to);
    if (right != null && at > from) {
      return new Probe(text(from, at), Check.of(op, right));
    }
    Value left = literal(from, at);
    if (left != null && at + 1 < to) {
      return new Probe(text(at + 1, to), Check.of(flip(op), left));
    }
    return null;
  }

  /** The comparison with its sides swapped ({@code 3 < x} is {@code x > 3}). */
  static Check.Op flip(Check.Op op) {
    return switch (op) {
      case LT -> Check.Op.GT;
      case LE -> Check.Op.GE;
      case GT -> Check.Op.LT;
      case GE -> Check.Op.LE;
      default -> op;
    };
  }
}
