package dev.arbiter.verifier.code.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits test code (Python, JavaScript or C++) into tokens, enough to find the top-level structure
 * of an assert: strings (decoded), numbers, names, operators, brackets, and logical line ends.
 * Anything it does not understand throws {@link IllegalArgumentException}; callers then fall back
 * to running the test in the program's process.
 */
final class Lexer {

  enum Type {
    NAME,
    NUMBER,
    STRING,
    /** A string that is not a constant (Python f-string, JavaScript template with {@code ${}}). */
    DYNAMIC,
    OP,
    /** End of a logical line (Python: outside brackets; others: outside parentheses). */
    NEWLINE,
    END
  }

  /**
   * @param text the source text (for strings: the decoded value)
   * @param start offset of the first character in the source
   * @param end offset after the last character
   * @param indent for a NEWLINE, the indentation of the next line; else -1
   * @param prefix for a STRING, its prefix letters (Python {@code b}, {@code r}; C++ {@code u8})
   */
  record Token(Type type, String text, int start, int end, int indent, String prefix) {
    boolean is(String op) {
      return (type == Type.OP || type == Type.NAME) && text.equals(op);
    }
  }

  enum Lang {
    PYTHON,
    JAVASCRIPT,
    CPP
  }

  private static final String[] OPS = {
    ">>>=", "===", "!==", "**=", "//=", ">>=", "<<=", "...", "->*", "<=>", "**", "//", "==", "!=",
    "<=", ">=", "&&", "||", "->", "::", "<<", ">>", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=",
    "|=", "^=", ":=", "=>", "?.", "??", "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "^", "&",
    "|", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "?", "@"
  };

  private final String s;
  private final Lang lang;
  private int i;

  private Lexer(String s, Lang lang) {
    this.s = s;
    this.lang = lang;
  }

  static List<Token> tokens(String source, Lang lang) {
    return new Lexer(source, lang).run();
  }

  private List<Token> run() {
    List<Token> out = new ArrayList<>();
    int depth = 0;
    int braces = 0;
    while (true) {
      skipSpaceAndComments(out, depth - braces);
      if (i >= s.length()) {
        out.add(new Token(Type.END, "", i, i, -1, ""));
        return out;
      }
      char c = s.charAt(i);
      int start = i;
      if (c == '\n') {
        i++;
        int indent = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
          indent++;
          i++;
        }
        if (depth - braces == 0) {
          out.add(new Token(Type.NEWLINE, "\n", start, start + 1, indent, ""));
        }
        continue;
      }
      if (Character.isDigit(c)
          || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
        out.add(number());
        continue;
      }
      if (Character.isLetter(c) || c == '_' || c == '$') {
        int j = i;
        while (j < s.length()
            && (Character.isLetterOrDigit(s.charAt(j))
                || s.charAt(j) == '_'
                || s.charAt(j) == '$')) {
          j++;
        }
        String word = s.substring(i, j);
        if (j < s.length() && isQuote(s.charAt(j)) && stringPrefix(word)) {
          i = j;
          out.add(string(start, word));
          continue;
        }
        i = j;
        out.add(new Token(Type.NAME, word, start, j, -1, ""));
        continue;
      }
      if (isQuote(c)) {
        out.add(string(start, ""));
        continue;
      }
      String op = null;
      for (String o : OPS) {
        if (s.startsWith(o, i)) {
          op = o;
          break;
        }
      }
      if (op == null) {
        throw new IllegalArgumentException("unexpected character " + c);
      }
      i += op.length();
      if (op.equals("(") || op.equals("[") || op.equals("{")) {
        depth++;
        braces += op.equals("{") && lang != Lang.PYTHON ? 1 : 0;
      } else if (op.equals(")") || op.equals("]") || op.equals("}")) {
        braces -= op.equals("}") && lang != Lang.PYTHON && braces > 0 ? 1 : 0;
        depth = Math.max(0, depth - 1);
      }
      out.add(new Token(Type.OP, op, start, i, -1, ""));
    }
  }

  private boolean isQuote(char c) {
    return c == '"' || c == '\'' || (c == '`' && lang == Lang.JAVASCRIPT);
  }

  private boolean stringPrefix(String w) {
    return switch (lang) {
      case PYTHON -> w.length() <= 2 && w.toLowerCase().matches("[rbuf]+");
      case CPP ->
          w.equals("u8") || w.equals("L") || w.equals("u") || w.equals("U") || w.equals("R");
      case JAVASCRIPT -> false;
    };
  }

  private void skipSpaceAndComments(List<Token> out, int depth) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        i++;
      } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
        i += 2;
      } else if (c == '\n' && depth > 0) {
        i++;
      } else if (lang == Lang.PYTHON && c == '#') {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (lang != Lang.PYTHON && s.startsWith("//", i)) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (lang != Lang.PYTHON && s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated comment");
        }
        i = end + 2;
      } else {
        return;
      }
    }
  }

  private Token number() {
    int start = i;
    while (i < s.length()) {
      char c = s.charAt(i);
      boolean exponentSign =
          (c == '+' || c == '-')
              && i > start
              && "eEpP".indexOf(s.charAt(i - 1)) >= 0
              && !s.substring(start, i).toLowerCase().startsWith("0x");
      if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '\'' || exponentSign) {
        if (c == '\'' && lang != Lang.CPP) {
          break;
        }
        i++;
      } else {
        break;
      }
    }
    return new Token(Type.NUMBER, s.substring(start, i), start, i, -1, "");
  }

  private Token string(int start, String prefix) {
    String p = prefix.toLowerCase();
    char q = s.charAt(i);
    boolean triple = lang == Lang.PYTHON && s.startsWith(String.valueOf(q).repeat(3), i);
    boolean raw = lang == Lang.PYTHON ? p.contains("r") : prefix.equals("R");
    if (lang == Lang.CPP && raw) {
      throw new IllegalArgumentException("raw string literal");
    }
    String close = triple ? String.valueOf(q).repeat(3) : String.valueOf(q);
    i += close.length();
    StringBuilder b = new StringBuilder();
    boolean dynamic =
        p.contains("f") || (lang == Lang.CPP && !prefix.isEmpty() && !prefix.equals("u8"));
    while (true) {
      if (i >= s.length()) {
        throw new IllegalArgumentException("unterminated string");
      }
      if (s.startsWith(close, i)) {
        i += close.length();
        break;
      }
      char c = s.charAt(i);
      if (c == '\n' && !triple && q != '`') {
        throw new IllegalArgumentException("newline in string");
      }
      if (q == '`' && s.startsWith("${", i)) {
        dynamic = true;
      }
      if (c == '\\') {
        if (raw) {
          b.append(c);
          if (i + 1 < s.length()) {
            b.append(s.charAt(i + 1));
          }
          i += 2;
          continue;
        }
        i = Escapes.decode(s, i, b, lang == Lang.PYTHON && p.contains("b"));
        continue;
      }
      b.append(c);
      i++;
    }
    Type type = dynamic ? Type.DYNAMIC : Type.STRING;
    String kind =
        lang == Lang.CPP ? (q == '\'' ? "char" : "") : p.replace("r", "").replace("u", "");
    return new Token(type, b.toString(), start, i, -1, kind);
  }
}
