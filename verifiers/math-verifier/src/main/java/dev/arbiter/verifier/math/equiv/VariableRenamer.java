package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Sym;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Non-strict mode: renames the prediction's variables to the gold's, matched in sorted order. */
final class VariableRenamer {

  private VariableRenamer() {}

  static Expr renameLike(Expr pred, Expr gold) {
    Set<String> gv = ExprTrees.freeSymbols(gold);
    Set<String> pv = ExprTrees.freeSymbols(pred);
    if (gv.size() != pv.size() || gv.equals(pv)) {
      return pred;
    }
    Map<String, String> rename = new HashMap<>();
    var gi = gv.iterator();
    for (String p : pv) {
      rename.put(p, gi.next());
    }
    return rename(pred, rename);
  }

  private static Expr rename(Expr e, Map<String, String> rename) {
    if (e instanceof Sym s) {
      return new Sym(rename.getOrDefault(s.name(), s.name()));
    }
    return ExprRewriter.mapChildren(e, c -> rename(c, rename));
  }
}
