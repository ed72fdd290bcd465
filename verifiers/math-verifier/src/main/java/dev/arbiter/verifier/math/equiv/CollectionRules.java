package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Interval;
import dev.arbiter.verifier.math.ast.Expr.Matrix;
import dev.arbiter.verifier.math.ast.Expr.SetOf;
import dev.arbiter.verifier.math.ast.Expr.Tuple;
import dev.arbiter.verifier.math.ast.Expr.Union;
import dev.arbiter.verifier.math.parse.CanonicalPrinter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collections: sets unordered (each element matched once), tuples ordered, {@code (a, b)} also an
 * open interval, intervals with the openness of each end, unions unordered, matrices element-wise.
 */
final class CollectionRules {

  private static final int MAX_ELEMENTS = 200;

  private final SubComparison whole;

  CollectionRules(SubComparison whole) {
    this.whole = whole;
  }

  static boolean isSetLike(Expr e) {
    return e instanceof SetOf || e instanceof Tuple || e instanceof Interval || e instanceof Union;
  }

  Verdict compareSets(Expr gold, Expr pred, ComparisonOptions o) {
    Expr g = gold;
    Expr p = pred;
    if (isPair(g) && p instanceof Interval) {
      g = openInterval((Tuple) g);
    }
    if (isPair(p) && g instanceof Interval) {
      p = openInterval((Tuple) p);
    }
    if (g instanceof Interval gi && p instanceof Interval pi) {
      if (gi.lowOpen() != pi.lowOpen() || gi.highOpen() != pi.highOpen()) {
        return Verdict.no("interval ends differ in openness");
      }
      boolean same = equal(gi.low(), pi.low(), o) && equal(gi.high(), pi.high(), o);
      return same ? Verdict.yes("same interval") : Verdict.no("different interval ends");
    }
    if (g instanceof Union gu && p instanceof Union pu) {
      return unordered(gu.parts(), pu.parts(), o, "union");
    }
    if (g instanceof Interval gi && gi.lowOpen() && gi.highOpen() && elements(p) != null) {
      return ordered(List.of(gi.low(), gi.high()), elements(p), o);
    }
    if (p instanceof Interval pi && pi.lowOpen() && pi.highOpen() && elements(g) != null) {
      return ordered(elements(g), List.of(pi.low(), pi.high()), o);
    }
    if (g instanceof Interval
        || p instanceof Interval
        || g instanceof Union
        || p instanceof Union) {
      return Verdict.no("different sets");
    }
    if (g instanceof SetOf gs && p instanceof SetOf ps) {
      return unordered(gs.elements(), ps.elements(), o, "set");
    }
    if (g instanceof Tuple gt && p instanceof Tuple pt) {
      return ordered(gt.elements(), pt.elements(), o);
    }
    if (g instanceof Tuple gt && p instanceof SetOf ps) {
      return ordered(gt.elements(), ps.elements(), o);
    }
    if (g instanceof SetOf gs && p instanceof Tuple pt) {
      return ordered(gs.elements(), pt.elements(), o);
    }
    if (g instanceof SetOf gs) {
      return unordered(gs.elements(), List.of(p), o, "set");
    }
    if (p instanceof SetOf ps) {
      return unordered(List.of(g), ps.elements(), o, "set");
    }
    return Verdict.no("a tuple against a value");
  }

  Verdict compareMatrices(Matrix g, Matrix p, ComparisonOptions o) {
    if (g.rows().size() != p.rows().size()) {
      return Verdict.no("matrices of different shape");
    }
    for (int i = 0; i < g.rows().size(); i++) {
      Verdict v = ordered(g.rows().get(i), p.rows().get(i), o);
      if (!v.equal()) {
        return Verdict.no("matrices differ in row " + (i + 1));
      }
    }
    return Verdict.yes("equal element by element");
  }

  private static boolean isPair(Expr e) {
    return e instanceof Tuple t && t.parenthesized() && t.elements().size() == 2;
  }

  private static Interval openInterval(Tuple t) {
    return new Interval(t.elements().get(0), t.elements().get(1), true, true);
  }

  private static List<Expr> elements(Expr e) {
    if (e instanceof SetOf s) {
      return s.elements();
    } else if (e instanceof Tuple t) {
      return t.elements();
    }
    return null;
  }

  private boolean equal(Expr gold, Expr pred, ComparisonOptions o) {
    return whole.verdict(gold, pred, o).equal();
  }

  private Verdict ordered(List<Expr> gold, List<Expr> pred, ComparisonOptions o) {
    if (gold.size() != pred.size()) {
      return Verdict.no(
          "different number of elements (" + gold.size() + " vs " + pred.size() + ")");
    }
    for (int i = 0; i < gold.size(); i++) {
      if (!equal(gold.get(i), pred.get(i), o)) {
        return Verdict.no("element " + (i + 1) + " differs");
      }
    }
    return Verdict.yes("equal element by element");
  }

  private Verdict unordered(
      List<Expr> goldIn, List<Expr> predIn, ComparisonOptions o, String what) {
    List<Expr> gold = distinct(goldIn);
    List<Expr> pred = distinct(predIn);
    if (gold.size() != pred.size()) {
      return Verdict.no(
          "different number of elements (" + gold.size() + " vs " + pred.size() + ")");
    }
    if (gold.size() > MAX_ELEMENTS) {
      return Verdict.no("more than " + MAX_ELEMENTS + " elements");
    }
    boolean[] used = new boolean[pred.size()];
    for (Expr g : gold) {
      boolean found = false;
      for (int j = 0; j < pred.size() && !found; j++) {
        if (!used[j] && equal(g, pred.get(j), o)) {
          used[j] = true;
          found = true;
        }
      }
      if (!found) {
        return Verdict.no("no match for " + CanonicalPrinter.print(g) + " in the " + what);
      }
    }
    return Verdict.yes("same " + what + " (order ignored)");
  }

  private static List<Expr> distinct(List<Expr> xs) {
    Set<String> seen = new HashSet<>();
    List<Expr> out = new ArrayList<>();
    for (Expr x : xs) {
      if (seen.add(CanonicalPrinter.print(x))) {
        out.add(x);
      }
    }
    return out;
  }
}
