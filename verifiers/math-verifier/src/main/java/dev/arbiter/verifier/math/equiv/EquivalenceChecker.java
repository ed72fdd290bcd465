package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Matrix;
import dev.arbiter.verifier.math.ast.Expr.Rel;
import dev.arbiter.verifier.math.ast.Expr.Text;
import dev.arbiter.verifier.math.parse.CanonicalPrinter;
import java.util.List;

/**
 * Decides whether a predicted answer equals the gold answer, in Math-Verify's order. Each section
 * lives in its own class: normalization ({@link PlusMinusExpander}, {@link VariableRenamer}, {@link
 * SolutionSets#normalize}, {@link StructureFolder}), relations ({@link RelationRules}), collections
 * ({@link CollectionRules}) and values ({@link ValueRules}, with {@link IdentityFolder} first).
 * This class only orders them. Stateless and thread-safe; checks the thread's interrupt flag so a
 * caller can abandon it.
 */
public final class EquivalenceChecker implements SubComparison {

  private final RelationRules relations = new RelationRules(this);
  private final CollectionRules collections = new CollectionRules(this);
  private final ValueRules values;

  public EquivalenceChecker(SymbolicSimplifier simplifier) {
    this.values = new ValueRules(this, simplifier);
  }

  public Verdict compare(Expr gold, Expr pred, ComparisonOptions options) {
    Expr g = PlusMinusExpander.expand(gold);
    Expr p = PlusMinusExpander.expand(pred);
    if (!options.strict()) {
      p = VariableRenamer.renameLike(p, g);
    }
    return verdict(g, p, options);
  }

  @Override
  public Verdict verdict(Expr goldIn, Expr predIn, ComparisonOptions o) {
    WorkBudget.check();
    RelationRules.Sides sides = RelationRules.unwrap(normalize(goldIn), normalize(predIn), o);
    Expr gold = sides.gold();
    Expr pred = sides.pred();
    if (CanonicalPrinter.print(gold).equals(CanonicalPrinter.print(pred))) {
      return Verdict.yes("identical after normalization");
    }
    if (RelationRules.isRelation(gold) && RelationRules.isRelation(pred)) {
      return relations.compare((Rel) gold, (Rel) pred, o);
    }
    if (RelationRules.isRelation(gold) || RelationRules.isRelation(pred)) {
      return Verdict.no("a relation against a value");
    }
    if (CollectionRules.isSetLike(gold) || CollectionRules.isSetLike(pred)) {
      return collections.compareSets(gold, pred, o);
    }
    if (gold instanceof Matrix gm && pred instanceof Matrix pm) {
      return collections.compareMatrices(gm, pm, o);
    }
    if (gold instanceof Matrix || pred instanceof Matrix) {
      return Verdict.no("a matrix against a non-matrix");
    }
    String gw = ValueRules.word(gold);
    String pw = ValueRules.word(pred);
    if (gw != null
        && pw != null
        && (gold instanceof Text
            || pred instanceof Text
            || !(ExprTrees.freeOf(gold) && ExprTrees.freeOf(pred)))) {
      return gw.equals(pw) ? Verdict.yes("same text") : Verdict.no("different text");
    }
    if (gold instanceof Text || pred instanceof Text) {
      return Verdict.no("text against an expression");
    }
    return values.compare(gold, pred, o);
  }

  private static Expr normalize(Expr e) {
    return StructureFolder.fold(SolutionSets.normalize(RelationRules.simplify(e)));
  }

  /** The direct children of a node (kept here for callers outside this section split). */
  static List<Expr> children(Expr e) {
    return ExprTrees.children(e);
  }
}
