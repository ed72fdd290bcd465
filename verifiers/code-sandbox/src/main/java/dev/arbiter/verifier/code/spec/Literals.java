package dev.arbiter.verifier.code.spec;

import dev.arbiter.verifier.code.spec.Lexer.Token;
import dev.arbiter.verifier.code.spec.Lexer.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the expected side of an assert into a {@link Value}, when it is a constant: numbers (with
 * sign), strings, booleans, None/null, and lists, tuples, sets, dicts, arrays, objects, vectors of
 * those. Anything else (a call, a name, arithmetic) throws {@link IllegalArgumentException}.
 */
final class Literals {

  private final List<Token> t;
  private final Lexer.Lang lang;
  private int i;
  private final int end;

  private Literals(List<Token> tokens, int from, int to, Lexer.Lang lang) {
    this.t = tokens;
    this.i = from;
    this.end = to;
    this.lang = lang;
  }

  /** The constant that tokens {@code [from, to)} spell, or an exception when they are not one. */
  static Value parse(List<Token> tokens, int from, int to, Lexer.Lang lang) {
    Literals p = new Literals(tokens, from, to, lang);
    Value v = p.value(0);
    if (p.i != to) {
      throw new IllegalArgumentException("not a literal");
    }
    return v;
  }

  /** Whether tokens {@code [from, to)} are a constant. */
  static boolean is(List<Token> tokens, int from, int to, Lexer.Lang lang) {
    try {
      parse(tokens, from, to, lang);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private Token peek() {
    return i < end ? t.get(i) : new Token(Type.END, "", 0, 0, -1, "");
  }

  private Token next() {
    if (i >= end) {
      throw new IllegalArgumentException("literal ends early");
    }
    return t.get(i++);
  }

  private void expect(String op) {
    if (!next().is(op)) {
      throw new IllegalArgumentException("expected " + op);
    }
  }

  private Value value(int depth) {
    if (depth > 64) {
      throw new IllegalArgumentException("literal nested too deeply");
    }
    Token k = next();
    switch (k.type()) {
      case NUMBER -> {
        return number(k.text(), false);
      }
      case STRING -> {
        StringBuilder b = new StringBuilder(k.text());
        boolean bytes = k.prefix().contains("b");
        while (peek().type() == Type.STRING && lang != Lexer.Lang.JAVASCRIPT) {
          Token more = next();
          if (more.prefix().contains("b") != bytes) {
            throw new IllegalArgumentException("mixed bytes and str");
          }
          b.append(more.text());
        }
        if (k.prefix().equals("char")) {
          if (k.text().length() != 1) {
            throw new IllegalArgumentException("multi-character literal");
          }
          return new Value.Int(BigInteger.valueOf(k.text().charAt(0)));
        }
        return bytes ? new Value.Bytes(b.toString()) : new Value.Str(b.toString());
      }
      case OP -> {
        return compound(k, depth);
      }
      case NAME -> {
        return named(k, depth);
      }
      default -> throw new IllegalArgumentException("not a literal");
    }
  }

  private Value compound(Token k, int depth) {
    String op = k.text();
    if (op.equals("-") || op.equals("+")) {
      Token n = next();
      if (n.type() == Type.NUMBER) {
        return number(n.text(), op.equals("-"));
      }
      if (n.is("Infinity") || n.is("INFINITY")) {
        return new Value.Flt(op.equals("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
      }
      throw new IllegalArgumentException("sign on a non-number");
    }
    if (op.equals("(")) {
      if (lang == Lexer.Lang.CPP && peek().type() == Type.NAME && castFollows()) {
        return value(depth + 1);
      }
      if (peek().is(")")) {
        next();
        if (lang != Lexer.Lang.PYTHON) {
          throw new IllegalArgumentException("empty parentheses");
        }
        return new Value.Seq(true, List.of());
      }
      Value first = value(depth + 1);
      if (peek().is(")")) {
        next();
        return first;
      }
      if (lang != Lexer.Lang.PYTHON) {
        throw new IllegalArgumentException("comma in parentheses");
      }
      expect(",");
      List<Value> items = new ArrayList<>(List.of(first));
      items.addAll(items(")", depth));
      return new Value.Seq(true, items);
    }
    if (op.equals("[")) {
      if (lang == Lexer.Lang.CPP) {
        throw new IllegalArgumentException("not a C++ literal");
      }
      return new Value.Seq(false, items("]", depth));
    }
    if (op.equals("{")) {
      return lang == Lexer.Lang.CPP ? new Value.Seq(false, items("}", depth)) : braces(depth);
    }
    throw new IllegalArgumentException("not a literal");
  }

  /** C++: after "(", a cast such as {@code (long)} or {@code (unsigned long long)}. */
  private boolean castFollows() {
    int j = i;
    while (j < end && t.get(j).type() == Type.NAME) {
      j++;
    }
    if (j < end && t.get(j).is(")") && j > i) {
      String first = t.get(i).text();
      if (List.of(
              "int",
              "long",
              "short",
              "unsigned",
              "signed",
              "float",
              "double",
              "char",
              "bool",
              "size_t")
          .contains(first)) {
        i = j + 1;
        return true;
      }
    }
    return false;
  }

  private List<Value> items(String close, int depth) {
    List<Value> out = new ArrayList<>();
    while (true) {
      if (peek().is(close)) {
        next();
        return out;
      }
      out.add(value(depth + 1));
      Token sep = next();
      if (sep.is(close)) {
        return out;
      }
      if (!sep.is(",")) {
        throw new IllegalArgumentException("expected , or " + close);
      }
    }
  }

  /** Python dict or set, JavaScript object. */
  private Value braces(int depth) {
    if (peek().is("}")) {
      next();
      return new Value.Dict(List.of(), List.of());
    }
    List<Value> keys = new ArrayList<>();
    List<Value> values = new ArrayList<>();
    List<Value> set = new ArrayList<>();
    while (true) {
      Value key;
      if (lang == Lexer.Lang.JAVASCRIPT && peek().type() == Type.NAME) {
        key = new Value.Str(next().text());
      } else {
        key = value(depth + 1);
      }
      if (peek().is(":")) {
        next();
        if (!set.isEmpty()) {
          throw new IllegalArgumentException("mixed set and dict");
        }
        if (lang == Lexer.Lang.JAVASCRIPT && !(key instanceof Value.Str)) {
          key = new Value.Str(jsKey(key));
        }
        keys.add(key);
        values.add(value(depth + 1));
      } else {
        if (!keys.isEmpty() || lang != Lexer.Lang.PYTHON) {
          throw new IllegalArgumentException("mixed set and dict");
        }
        set.add(key);
      }
      Token sep = next();
      if (sep.is("}")) {
        break;
      }
      if (!sep.is(",")) {
        throw new IllegalArgumentException("expected , or }");
      }
      if (peek().is("}")) {
        next();
        break;
      }
    }
    return set.isEmpty() ? new Value.Dict(keys, values) : new Value.SetOf(set);
  }

  private static String jsKey(Value key) {
    if (key instanceof Value.Int n) {
      return n.value().toString();
    }
    if (key instanceof Value.Flt f && f.value() == Math.rint(f.value())) {
      return Long.toString((long) f.value());
    }
    throw new IllegalArgumentException("unsupported object key");
  }

  private Value named(Token k, int depth) {
    String w = k.text();
    switch (lang) {
      case PYTHON -> {
        switch (w) {
          case "True":
            return new Value.Bool(true);
          case "False":
            return new Value.Bool(false);
          case "None":
            return new Value.Nil();
          case "set", "frozenset", "tuple", "list":
            return conversion(w, depth);
          case "float":
            return floatCall();
          default:
            break;
        }
      }
      case JAVASCRIPT -> {
        switch (w) {
          case "true":
            return new Value.Bool(true);
          case "false":
            return new Value.Bool(false);
          case "null":
            return new Value.Nil();
          case "undefined":
            return new Value.Undefined();
          case "Infinity":
            return new Value.Flt(Double.POSITIVE_INFINITY);
          default:
            break;
        }
      }
      case CPP -> {
        switch (w) {
          case "true":
            return new Value.Bool(true);
          case "false":
            return new Value.Bool(false);
          case "std":
            return cppStd(depth);
          default:
            break;
        }
      }
    }
    throw new IllegalArgumentException("not a literal: " + w);
  }

  /** Python {@code set([...])}, {@code tuple((...))}, {@code list(...)}, {@code set()}. */
  private Value conversion(String kind, int depth) {
    expect("(");
    List<Value> items;
    if (peek().is(")")) {
      next();
      items = List.of();
    } else {
      Value inner = value(depth + 1);
      expect(")");
      if (inner instanceof Value.Seq s) {
        items = s.items();
      } else if (inner instanceof Value.SetOf s) {
        items = s.items();
      } else {
        throw new IllegalArgumentException("conversion of a non-sequence");
      }
    }
    return switch (kind) {
      case "set", "frozenset" -> new Value.SetOf(items);
      case "tuple" -> new Value.Seq(true, items);
      default -> new Value.Seq(false, items);
    };
  }

  private Value floatCall() {
    expect("(");
    Token arg = next();
    expect(")");
    if (arg.type() != Type.STRING) {
      throw new IllegalArgumentException("float() of a non-string");
    }
    String v = arg.text().strip().toLowerCase();
    return switch (v) {
      case "inf", "+inf", "infinity" -> new Value.Flt(Double.POSITIVE_INFINITY);
      case "-inf", "-infinity" -> new Value.Flt(Double.NEGATIVE_INFINITY);
      case "nan" -> new Value.Flt(Double.NaN);
      default -> new Value.Flt(Double.parseDouble(v));
    };
  }

  /** C++: {@code std::vector<T>{...}}, {@code std::vector<T>({...})}, {@code std::string("x")}. */
  private Value cppStd(int depth) {
    expect("::");
    String kind = next().text();
    if (peek().is("<")) {
      int angle = 0;
      do {
        Token a = next();
        if (a.is("<")) {
          angle++;
        } else if (a.is(">")) {
          angle--;
        } else if (a.is(">>")) {
          angle -= 2;
        }
      } while (angle > 0);
    }
    boolean paren = peek().is("(");
    if (paren) {
      next();
    }
    Value inner;
    if (kind.equals("string")) {
      inner = paren ? value(depth + 1) : null;
      if (!(inner instanceof Value.Str)) {
        throw new IllegalArgumentException("std::string of a non-string");
      }
    } else if (kind.equals("vector") || kind.equals("make_tuple") || kind.equals("make_pair")) {
      inner = kind.equals("vector") ? value(depth + 1) : new Value.Seq(true, items(")", depth));
      if (!kind.equals("vector")) {
        return inner;
      }
      if (!(inner instanceof Value.Seq)) {
        throw new IllegalArgumentException("vector of a non-list");
      }
    } else {
      throw new IllegalArgumentException("std::" + kind + " is not a literal");
    }
    if (paren) {
      expect(")");
    }
    return inner;
  }

  private Value number(String text, boolean negative) {
    String n = text.replace("_", "").replace("'", "");
    String lower = n.toLowerCase();
    if (lang == Lexer.Lang.PYTHON && lower.endsWith("j")) {
      throw new IllegalArgumentException("complex literal");
    }
    if (lang == Lexer.Lang.JAVASCRIPT && lower.endsWith("n")) {
      throw new IllegalArgumentException("BigInt literal");
    }
    BigInteger integer = null;
    if (lower.startsWith("0x")) {
      integer = new BigInteger(stripIntSuffix(lower.substring(2)), 16);
    } else if (lower.startsWith("0b")) {
      integer = new BigInteger(stripIntSuffix(lower.substring(2)), 2);
    } else if (lower.startsWith("0o")) {
      integer = new BigInteger(lower.substring(2), 8);
    } else if (!lower.contains(".") && !lower.contains("e")) {
      String digits = stripIntSuffix(lower);
      if (lang == Lexer.Lang.CPP && digits.length() > 1 && digits.startsWith("0")) {
        integer = new BigInteger(digits, 8);
      } else if (lang == Lexer.Lang.PYTHON || lang == Lexer.Lang.CPP) {
        integer = new BigInteger(digits);
      }
    }
    if (integer != null) {
      return new Value.Int(negative ? integer.negate() : integer);
    }
    String f = lang == Lexer.Lang.CPP ? lower.replaceAll("[fl]$", "") : lower;
    double d = Double.parseDouble(f);
    return new Value.Flt(negative ? -d : d);
  }

  private String stripIntSuffix(String s) {
    return lang == Lexer.Lang.CPP ? s.replaceAll("[ul]+$", "") : s;
  }
}
