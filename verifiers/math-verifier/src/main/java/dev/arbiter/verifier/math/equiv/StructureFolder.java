package dev.arbiter.verifier.math.equiv;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Add;
import dev.arbiter.verifier.math.ast.Expr.Matrix;
import dev.arbiter.verifier.math.ast.Expr.Mul;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.SetOf;
import dev.arbiter.verifier.math.ast.Expr.Union;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds structure that has a literal value: sums and products of matrix literals into one matrix,
 * unions of finite sets into one set. Everything else is returned as it is.
 */
final class StructureFolder {

  private static final int MAX_CELLS = 400;

  /**
   * The largest cell a product may build, in nodes: each product's cells share their factors'
   * cells, so a chain of k matrices would otherwise build cells of n^k nodes (a DAG that is cheap
   * to build but exponential to print or evaluate).
   */
  private static final int MAX_CELL_NODES = 2_000;

  private StructureFolder() {}

  static Expr fold(Expr e) {
    if (e instanceof Union u && u.parts().stream().allMatch(p -> p instanceof SetOf)) {
      List<Expr> all = new ArrayList<>();
      u.parts().forEach(p -> all.addAll(((SetOf) p).elements()));
      return new SetOf(all);
    }
    if (e instanceof Add a && a.terms().stream().allMatch(StructureFolder::isMatrixTerm)) {
      return sum(a.terms(), e);
    }
    if (e instanceof Mul m && m.factors().stream().anyMatch(f -> f instanceof Matrix)) {
      return product(m.factors(), e);
    }
    return e;
  }

  private static boolean isMatrixTerm(Expr t) {
    return t instanceof Matrix || t instanceof Neg n && n.operand() instanceof Matrix;
  }

  private static Expr sum(List<Expr> terms, Expr original) {
    Matrix first = matrix(terms.get(0));
    int rows = first.rows().size();
    int cols = first.rows().get(0).size();
    List<List<List<Expr>>> cells = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      List<List<Expr>> row = new ArrayList<>();
      for (int j = 0; j < cols; j++) {
        row.add(new ArrayList<>());
      }
      cells.add(row);
    }
    for (Expr t : terms) {
      Matrix m = matrix(t);
      boolean negative = t instanceof Neg;
      if (m.rows().size() != rows || m.rows().stream().anyMatch(r -> r.size() != cols)) {
        return original;
      }
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          Expr c = m.rows().get(i).get(j);
          cells.get(i).get(j).add(negative ? new Neg(c) : c);
        }
      }
    }
    List<List<Expr>> out = new ArrayList<>();
    for (List<List<Expr>> row : cells) {
      out.add(row.stream().map(c -> (Expr) new Add(List.copyOf(c))).toList());
    }
    return new Matrix(out);
  }

  private static Matrix matrix(Expr t) {
    return t instanceof Matrix m ? m : (Matrix) ((Neg) t).operand();
  }

  private static Expr product(List<Expr> factors, Expr original) {
    List<Expr> scalars = new ArrayList<>();
    Matrix acc = null;
    for (Expr f : factors) {
      if (f instanceof Matrix m) {
        if (acc == null) {
          acc = m;
        } else {
          acc = multiply(acc, m);
          if (acc == null) {
            return original;
          }
        }
      } else {
        scalars.add(f);
      }
    }
    if (acc == null) {
      return original;
    }
    if (scalars.isEmpty()) {
      return acc;
    }
    List<List<Expr>> out = new ArrayList<>();
    for (List<Expr> row : acc.rows()) {
      out.add(
          row.stream()
              .map(
                  c -> {
                    List<Expr> fs = new ArrayList<>(scalars);
                    fs.add(c);
                    return (Expr) new Mul(fs);
                  })
              .toList());
    }
    return new Matrix(out);
  }

  private static Matrix multiply(Matrix a, Matrix b) {
    int n = a.rows().size();
    int k = a.rows().get(0).size();
    int m = b.rows().get(0).size();
    if (b.rows().size() != k || (long) n * m * k > MAX_CELLS) {
      return null;
    }
    List<List<Expr>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < m; j++) {
        List<Expr> terms = new ArrayList<>();
        for (int t = 0; t < k; t++) {
          terms.add(new Mul(List.of(a.rows().get(i).get(t), b.rows().get(t).get(j))));
        }
        Expr cell = new Add(terms);
        if (nodes(cell, MAX_CELL_NODES + 1) > MAX_CELL_NODES) {
          return null;
        }
        row.add(cell);
      }
      out.add(row);
    }
    return new Matrix(out);
  }

  /** The number of nodes of e as a tree, counted up to {@code cap}. */
  private static int nodes(Expr e, int cap) {
    WorkBudget.check();
    int count = 1;
    for (Expr c : EquivalenceChecker.children(e)) {
      if (count >= cap) {
        break;
      }
      count += nodes(c, cap - count);
    }
    return count;
  }
}
