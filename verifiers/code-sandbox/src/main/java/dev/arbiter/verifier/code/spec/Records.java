package dev.arbiter.verifier.code.spec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads what the assert harness wrote: lines {@code <marker> <nonce> <j> <value>} (value tests) or
 * {@code <marker> <nonce> ok} (in-process tests). Lines with another nonce are ignored (the harness
 * never writes them); two records for one test are a conflict, which fails the test.
 *
 * <p>Values are type-tagged: {@code N} None/null, {@code U} undefined, {@code T}/{@code F}, {@code
 * i<decimal>;}, {@code h<hex>;} (ints), {@code d<repr>;} (floats), {@code s<hex utf-8>;}, {@code
 * y<hex>;} (bytes), {@code L<n>;} / {@code P<n>;} / {@code S<n>;} followed by n values, {@code
 * D<n>;} followed by n key-value pairs, {@code X} (not plain data), {@code E} (raised).
 */
public final class Records {

  /**
   * @param values the value of each probe that reported exactly once
   * @param conflicts probes that reported more than once
   * @param ok in-process tests: how many "ok" records carried the nonce
   */
  public record Read(Map<Integer, Value> values, List<Integer> conflicts, int ok) {}

  private Records() {}

  public static Read read(String stdout, String marker, String nonce) {
    Map<Integer, Value> values = new HashMap<>();
    List<Integer> conflicts = new ArrayList<>();
    int ok = 0;
    String prefix = marker + " " + nonce + " ";
    for (String line : stdout.split("\n")) {
      if (!line.startsWith(prefix)) {
        continue;
      }
      String rest = line.substring(prefix.length()).stripTrailing();
      if (rest.equals("ok")) {
        ok++;
        continue;
      }
      int space = rest.indexOf(' ');
      if (space < 0) {
        continue;
      }
      int j;
      try {
        j = Integer.parseInt(rest.substring(0, space));
      } catch (NumberFormatException e) {
        continue;
      }
      Value v;
      try {
        v = value(rest.substring(space + 1));
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        v = new Value.Opaque("malformed record");
      }
      if (values.containsKey(j) || conflicts.contains(j)) {
        values.remove(j);
        if (!conflicts.contains(j)) {
          conflicts.add(j);
        }
      } else {
        values.put(j, v);
      }
    }
    return new Read(values, conflicts, ok);
  }

  /** Parses one type-tagged value; throws {@link IllegalArgumentException} when malformed. */
  public static Value value(String wire) {
    int[] at = {0};
    Value v = parse(wire, at, 0);
    if (at[0] != wire.length()) {
      throw new IllegalArgumentException("trailing data in record");
    }
    return v;
  }

  private static Value parse(String w, int[] at, int depth) {
    if (depth > 200) {
      throw new IllegalArgumentException("record nested too deeply");
    }
    char tag = w.charAt(at[0]++);
    switch (tag) {
      case 'N':
        return new Value.Nil();
      case 'U':
        return new Value.Undefined();
      case 'T':
        return new Value.Bool(true);
      case 'F':
        return new Value.Bool(false);
      case 'X':
        return new Value.Opaque("not plain data");
      case 'E':
        return new Value.Opaque(Value.RAISED);
      case 'i':
        return new Value.Int(new BigInteger(field(w, at)));
      case 'h':
        return new Value.Int(new BigInteger(field(w, at), 16));
      case 'd':
        return new Value.Flt(real(field(w, at)));
      case 's':
        return new Value.Str(new String(hex(field(w, at)), StandardCharsets.UTF_8));
      case 'y':
        return new Value.Bytes(new String(hex(field(w, at)), StandardCharsets.ISO_8859_1));
      case 'L', 'P', 'S':
        {
          int n = count(w, at);
          List<Value> items = new ArrayList<>(Math.min(n, 1024));
          for (int k = 0; k < n; k++) {
            items.add(parse(w, at, depth + 1));
          }
          return tag == 'S' ? new Value.SetOf(items) : new Value.Seq(tag == 'P', items);
        }
      case 'D':
        {
          int n = count(w, at);
          List<Value> keys = new ArrayList<>(Math.min(n, 1024));
          List<Value> vals = new ArrayList<>(Math.min(n, 1024));
          for (int k = 0; k < n; k++) {
            keys.add(parse(w, at, depth + 1));
            vals.add(parse(w, at, depth + 1));
          }
          return new Value.Dict(keys, vals);
        }
      default:
        throw new IllegalArgumentException("unknown tag " + tag);
    }
  }

  private static String field(String w, int[] at) {
    int end = w.indexOf(';', at[0]);
    if (end < 0) {
      throw new IllegalArgumentException("unterminated field");
    }
    String f = w.substring(at[0], end);
    at[0] = end + 1;
    return f;
  }

  private static int count(String w, int[] at) {
    int n = Integer.parseInt(field(w, at));
    if (n < 0 || n > w.length()) {
      throw new IllegalArgumentException("bad count");
    }
    return n;
  }

  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  private static double real(String r) {
    return switch (r) {
      case "inf", "Infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
      case "nan", "-nan", "NaN" -> Double.NaN;
      default -> Double.parseDouble(r);
    };
  }
}
