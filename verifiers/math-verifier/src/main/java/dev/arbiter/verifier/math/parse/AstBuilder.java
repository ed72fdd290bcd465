package dev.arbiter.verifier.math.parse;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.ast.Expr.Abs;
import dev.arbiter.verifier.math.ast.Expr.Add;
import dev.arbiter.verifier.math.ast.Expr.Binomial;
import dev.arbiter.verifier.math.ast.Expr.Constant;
import dev.arbiter.verifier.math.ast.Expr.Div;
import dev.arbiter.verifier.math.ast.Expr.Factorial;
import dev.arbiter.verifier.math.ast.Expr.Func;
import dev.arbiter.verifier.math.ast.Expr.Interval;
import dev.arbiter.verifier.math.ast.Expr.Matrix;
import dev.arbiter.verifier.math.ast.Expr.Mul;
import dev.arbiter.verifier.math.ast.Expr.Neg;
import dev.arbiter.verifier.math.ast.Expr.Num;
import dev.arbiter.verifier.math.ast.Expr.Op;
import dev.arbiter.verifier.math.ast.Expr.Percent;
import dev.arbiter.verifier.math.ast.Expr.PlusMinus;
import dev.arbiter.verifier.math.ast.Expr.Pow;
import dev.arbiter.verifier.math.ast.Expr.Ratio;
import dev.arbiter.verifier.math.ast.Expr.Rel;
import dev.arbiter.verifier.math.ast.Expr.Root;
import dev.arbiter.verifier.math.ast.Expr.SetOf;
import dev.arbiter.verifier.math.ast.Expr.SetOp;
import dev.arbiter.verifier.math.ast.Expr.Sym;
import dev.arbiter.verifier.math.ast.Expr.Text;
import dev.arbiter.verifier.math.ast.Expr.Tuple;
import dev.arbiter.verifier.math.ast.Expr.Union;
import dev.arbiter.verifier.math.equiv.WorkBudget;
import dev.arbiter.verifier.math.parse.MathLatexParser.*;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Turns a {@link MathLatexParser} tree into an {@link Expr}. Not thread-safe; one per parse. */
final class AstBuilder {

  private static final Set<String> EMPTY_SET_COMMANDS = Set.of("emptyset", "varnothing");
  private static final Set<String> IMAGINARY_COMMANDS = Set.of("i", "imath");
  private static final Set<String> SYMBOL_COMMANDS =
      Set.of(
          "alpha",
          "beta",
          "gamma",
          "delta",
          "epsilon",
          "varepsilon",
          "zeta",
          "eta",
          "theta",
          "vartheta",
          "iota",
          "kappa",
          "lambda",
          "mu",
          "nu",
          "xi",
          "rho",
          "sigma",
          "tau",
          "upsilon",
          "phi",
          "varphi",
          "chi",
          "psi",
          "omega",
          "Gamma",
          "Delta",
          "Theta",
          "Lambda",
          "Xi",
          "Sigma",
          "Phi",
          "Psi",
          "Omega",
          "ell",
          "angle",
          "triangle",
          "overline",
          "dots",
          "ldots",
          "cdots",
          "prime");

  private final boolean bareListsOrdered;

  AstBuilder(boolean bareListsOrdered) {
    this.bareListsOrdered = bareListsOrdered;
  }

  Expr answer(AnswerContext ctx) {
    ItemsContext items = ctx.items();
    List<Expr> elements = new ArrayList<>();
    List<List<Expr>> groups = new ArrayList<>();
    List<Expr> group = new ArrayList<>();
    boolean semicolons = false;
    boolean disjunction = false;
    boolean listed = false;
    for (int i = 0; i < items.relation().size(); i++) {
      Expr e = relation(items.relation(i));
      elements.add(e);
      group.add(e);
      SepContext sep = i < items.sep().size() ? items.sep(i) : null;
      if (sep != null && sep.OR() != null) {
        disjunction = true;
      } else if (sep != null) {
        listed = true;
      }
      if (sep != null && (sep.SEMI() != null || sep.OR() != null)) {
        semicolons = true;
        groups.add(group);
        group = new ArrayList<>();
      }
    }
    if (!group.isEmpty()) {
      groups.add(group);
    }
    if (elements.size() == 1) {
      return elements.get(0);
    }
    if (disjunction && !listed && elements.stream().allMatch(e -> e instanceof Rel)) {
      return new Op("or", List.copyOf(elements));
    }
    if (semicolons && groups.stream().allMatch(g -> g.size() == groups.get(0).size())) {
      List<Expr> grouped = new ArrayList<>();
      for (List<Expr> g : groups) {
        grouped.add(g.size() == 1 ? g.get(0) : new Tuple(List.copyOf(g), false));
      }
      return grouped.size() == 1 ? grouped.get(0) : list(grouped);
    }
    return list(elements);
  }

  private Expr list(List<Expr> elements) {
    return bareListsOrdered ? new Tuple(List.copyOf(elements), false) : new SetOf(elements);
  }

  private List<Expr> items(ItemsContext ctx) {
    List<Expr> out = new ArrayList<>();
    for (RelationContext r : ctx.relation()) {
      out.add(relation(r));
    }
    return out;
  }

  Expr relation(RelationContext ctx) {
    List<Expr> operands = new ArrayList<>();
    for (SetExprContext s : ctx.setExpr()) {
      operands.add(setExpr(s));
    }
    if (operands.size() == 1) {
      return operands.get(0);
    }
    List<String> ops = new ArrayList<>();
    for (RelopContext op : ctx.relop()) {
      ops.add(relop(op));
    }
    return new Rel(operands, ops);
  }

  private static String relop(RelopContext op) {
    if (op.EQ() != null) {
      return "=";
    } else if (op.NE() != null) {
      return "!=";
    } else if (op.LT() != null) {
      return "<";
    } else if (op.GT() != null) {
      return ">";
    } else if (op.LE() != null) {
      return "<=";
    } else if (op.GE() != null) {
      return ">=";
    } else if (op.APPROX() != null) {
      return "~";
    }
    return "in";
  }

  private Expr setExpr(SetExprContext ctx) {
    // each ctx.additive(i) / ctx.setop(i) call scans every child: take the lists once
    List<AdditiveContext> operands = ctx.additive();
    List<SetopContext> ops = ctx.setop();
    Expr acc = additive(operands.get(0));
    for (int i = 1; i < operands.size(); i++) {
      WorkBudget.check();
      Expr next = additive(operands.get(i));
      SetopContext op = ops.get(i - 1);
      if (op.CUP() != null) {
        List<Expr> parts = new ArrayList<>();
        if (acc instanceof Union u) {
          parts.addAll(u.parts());
        } else {
          parts.add(acc);
        }
        parts.add(next);
        acc = new Union(parts);
      } else {
        acc = new SetOp(op.CAP() != null ? "cap" : "setminus", acc, next);
      }
    }
    return acc;
  }

  private Expr additive(AdditiveContext ctx) {
    // each ctx.multiplicative(i) / ctx.addop(i) call scans every child: take the lists once (a
    // sum of n terms was quadratic)
    List<MultiplicativeContext> operands = ctx.multiplicative();
    List<AddopContext> ops = ctx.addop();
    List<Expr> terms = new ArrayList<>();
    terms.add(multiplicative(operands.get(0)));
    for (int i = 1; i < operands.size(); i++) {
      WorkBudget.check();
      Expr next = multiplicative(operands.get(i));
      AddopContext op = ops.get(i - 1);
      if (op.PLUS() != null) {
        terms.add(next);
      } else if (op.MINUS() != null) {
        terms.add(new Neg(next));
      } else {
        Expr left = sum(terms);
        terms = new ArrayList<>();
        terms.add(new PlusMinus(left, next, op.MP() != null));
      }
    }
    return sum(terms);
  }

  private static Expr sum(List<Expr> terms) {
    return terms.size() == 1 ? terms.get(0) : new Add(List.copyOf(terms));
  }

  private Expr multiplicative(MultiplicativeContext ctx) {
    Expr mixed = MixedNumbers.read(ctx, this::fracArg);
    if (mixed != null) {
      return mixed;
    }
    List<Expr> factors = new ArrayList<>();
    for (int i = 0; i < ctx.getChildCount(); i++) {
      WorkBudget.check();
      var child = ctx.getChild(i);
      if (child instanceof UnaryContext u) {
        Expr value = unary(u);
        if (i == 0) {
          factors.add(value);
        } else {
          MulopContext op = (MulopContext) ctx.getChild(i - 1);
          if (op.TIMES() != null) {
            factors.add(value);
          } else {
            Expr left = product(factors);
            factors = new ArrayList<>();
            factors.add(op.DIV() != null ? new Div(left, value) : new Ratio(left, value));
          }
        }
      } else if (child instanceof ImplicitFactorContext f) {
        factors.add(postfix(f.postfix()));
      }
    }
    return product(factors);
  }

  private static Expr product(List<Expr> factors) {
    return factors.size() == 1 ? factors.get(0) : new Mul(List.copyOf(factors));
  }

  private Expr unary(UnaryContext ctx) {
    if (ctx.postfix() != null) {
      return postfix(ctx.postfix());
    }
    Expr inner = unary(ctx.unary());
    if (ctx.MINUS() != null) {
      return inner instanceof Num n ? new Num(n.value().negate(), n.decimal()) : new Neg(inner);
    } else if (ctx.PLUS() != null) {
      return inner;
    }
    return new PlusMinus(null, inner, ctx.MP() != null);
  }

  private Expr postfix(PostfixContext ctx) {
    return applyPostfix(primary(ctx.primary()), ctx.postfixOp());
  }

  private Expr applyPostfix(Expr base, List<PostfixOpContext> ops) {
    Expr acc = base;
    for (PostfixOpContext op : ops) {
      if (op.BANG() != null) {
        acc = new Factorial(acc);
      } else if (op.CARET() != null) {
        acc = new Pow(acc, script(op.script()));
      } else if (op.UNDERSCORE() != null) {
        acc = subscript(acc, op.script());
      } else if (op.PRIME() != null) {
        acc = new Sym(CanonicalPrinter.print(acc) + "'");
      } else {
        acc = new Percent(acc);
      }
    }
    return acc;
  }

  private Expr subscript(Expr base, ScriptContext script) {
    String sub = CanonicalPrinter.print(script(script));
    if (base instanceof Sym s) {
      return new Sym(s.name() + "_" + sub);
    } else if (base instanceof Num n) {
      return new Sym(n.value().toPlainString() + "_" + sub);
    } else if (base instanceof Constant c) {
      return new Sym(CanonicalPrinter.print(c) + "_" + sub);
    }
    return new Op("subscript", List.of(base, script(script)));
  }

  private Expr script(ScriptContext ctx) {
    if (ctx.LBRACE() != null) {
      return ctx.items() == null ? new Text("") : group(items(ctx.items()));
    } else if (ctx.MINUS() != null) {
      Num n = number(ctx.NUMBER().getSymbol());
      return new Num(n.value().negate(), n.decimal());
    } else if (ctx.NUMBER() != null) {
      return number(ctx.NUMBER().getSymbol());
    } else if (ctx.LETTER() != null) {
      return letter(ctx.LETTER().getText());
    } else if (ctx.CMD() != null) {
      return command(ctx.CMD().getText());
    } else if (ctx.PI() != null) {
      return Constant.PI;
    } else if (ctx.INF() != null) {
      return Constant.INFINITY;
    }
    return text(ctx.TEXT().getText());
  }

  private static Expr group(List<Expr> items) {
    return items.size() == 1 ? items.get(0) : new Tuple(List.copyOf(items), false);
  }

  private Expr primary(PrimaryContext ctx) {
    return ctx.funcApp() != null ? funcApp(ctx.funcApp()) : primaryNoFunc(ctx.primaryNoFunc());
  }

  private Expr primaryNoFunc(PrimaryNoFuncContext ctx) {
    if (ctx instanceof NumberContext n) {
      return number(n.NUMBER().getSymbol());
    } else if (ctx instanceof LetterContext l) {
      return letter(l.LETTER().getText());
    } else if (ctx instanceof CommandContext c) {
      return command(c.CMD().getText());
    } else if (ctx instanceof PiContext) {
      return Constant.PI;
    } else if (ctx instanceof InfinityContext) {
      return Constant.INFINITY;
    } else if (ctx instanceof TextContext t) {
      return text(t.TEXT().getText());
    } else if (ctx instanceof FracContext f) {
      return new Div(fracArg(f.fracArg(0)), fracArg(f.fracArg(1)));
    } else if (ctx instanceof BinomContext b) {
      return new Binomial(fracArg(b.fracArg(0)), fracArg(b.fracArg(1)));
    } else if (ctx instanceof SqrtContext s) {
      Expr index =
          s.additive() == null ? new Num(BigDecimal.valueOf(2), false) : additive(s.additive());
      return new Root(fracArg(s.fracArg()), index);
    } else if (ctx instanceof BracketedContext b) {
      return bracketed(b);
    } else if (ctx instanceof BracedContext b) {
      if (b.items() == null) {
        return new SetOf(List.of());
      }
      List<Expr> items = items(b.items());
      return items.size() == 1 ? items.get(0) : new SetOf(items);
    } else if (ctx instanceof SetBuilderContext s) {
      return new Op("setbuilder", List.of(relation(s.relation(0)), relation(s.relation(1))));
    } else if (ctx instanceof SetLiteralContext s) {
      return new SetOf(s.items() == null ? List.of() : items(s.items()));
    } else if (ctx instanceof AbsContext a) {
      return new Abs(group(items(a.items())));
    } else if (ctx instanceof MatrixContext m) {
      return matrix(m);
    }
    return bigOperator((BigOperatorContext) ctx);
  }

  private Expr bracketed(BracketedContext b) {
    List<Expr> items = items(b.items());
    boolean openParen = b.open.getType() == MathLatexLexer.LPAREN;
    boolean closeParen = b.close.getType() == MathLatexLexer.RPAREN;
    if (items.size() == 1) {
      return items.get(0);
    }
    if (items.size() == 2 && !(openParen && closeParen)) {
      return new Interval(items.get(0), items.get(1), openParen, closeParen);
    }
    return new Tuple(List.copyOf(items), openParen && closeParen);
  }

  private Expr matrix(MatrixContext m) {
    List<List<Expr>> rows = new ArrayList<>();
    for (MatrixRowContext row : m.matrixRow()) {
      List<Expr> cells = new ArrayList<>();
      for (RelationContext r : row.relation()) {
        cells.add(relation(r));
      }
      if (cells.isEmpty()) {
        continue;
      }
      if (cells.size() != row.AMP().size() + 1) {
        throw new IllegalArgumentException("empty matrix cell");
      }
      rows.add(List.copyOf(cells));
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("empty matrix");
    }
    return new Matrix(List.copyOf(rows));
  }

  private Expr bigOperator(BigOperatorContext ctx) {
    List<Expr> args = new ArrayList<>();
    args.add(ctx.UNDERSCORE() == null ? new Text("") : script(ctx.script(0)));
    args.add(ctx.CARET() == null ? new Text("") : script(ctx.script(ctx.script().size() - 1)));
    args.add(multiplicative(ctx.multiplicative()));
    return new Op(ctx.bigop.getType() == MathLatexLexer.SUM ? "sum" : "prod", args);
  }

  Expr fracArg(FracArgContext ctx) {
    if (ctx.items() != null) {
      return group(items(ctx.items()));
    } else if (ctx.NUMBER() != null) {
      return number(ctx.NUMBER().getSymbol());
    } else if (ctx.LETTER() != null) {
      return letter(ctx.LETTER().getText());
    } else if (ctx.CMD() != null) {
      return command(ctx.CMD().getText());
    }
    return Constant.PI;
  }

  private Expr funcApp(FuncAppContext ctx) {
    String name = ctx.FUNC().getText().substring(1);
    Expr arg = funcArg(ctx.funcArg());
    Expr power = null;
    Expr base = null;
    for (int i = 1; i < ctx.getChildCount(); i++) {
      if (ctx.getChild(i) instanceof TerminalNode t
          && ctx.getChild(i + 1) instanceof ScriptContext s) {
        if (t.getSymbol().getType() == MathLatexLexer.CARET) {
          power = script(s);
        } else {
          base = script(s);
        }
      }
    }
    if (power instanceof Num p && p.value().compareTo(BigDecimal.ONE.negate()) == 0) {
      if (name.matches("sin|cos|tan|sec|csc|cot")) {
        name = "arc" + name;
        power = null;
      }
    }
    Expr applied = function(name, arg, base);
    return power == null ? applied : new Pow(applied, power);
  }

  private static Expr function(String name, Expr arg, Expr base) {
    return switch (name) {
      case "exp" -> new Pow(Constant.E, arg);
      case "lg" -> new Func("log", List.of(arg, new Num(BigDecimal.TEN, false)));
      case "log" ->
          base == null ? new Func("ln", List.of(arg)) : new Func("log", List.of(arg, base));
      default -> new Func(name, List.of(arg));
    };
  }

  private Expr funcArg(FuncArgContext ctx) {
    if (ctx.LPAREN() != null) {
      return group(items(ctx.items()));
    }
    List<Expr> factors = new ArrayList<>();
    for (ArgFactorContext f : ctx.argFactor()) {
      factors.add(applyPostfix(primaryNoFunc(f.primaryNoFunc()), f.postfixOp()));
    }
    return product(factors);
  }

  private static Num number(Token token) {
    String text = token.getText();
    return new Num(new BigDecimal(text), text.indexOf('.') >= 0);
  }

  private static Expr letter(String letter) {
    return switch (letter) {
      case "e" -> Constant.E;
      case "i" -> Constant.I;
      default -> new Sym(letter);
    };
  }

  private static Expr command(String cmd) {
    String name = cmd.substring(1);
    if (EMPTY_SET_COMMANDS.contains(name)) {
      return new SetOf(List.of());
    } else if (IMAGINARY_COMMANDS.contains(name)) {
      return Constant.I;
    }
    if (!SYMBOL_COMMANDS.contains(name)) {
      throw new UnknownCommand(cmd);
    }
    return new Sym(name);
  }

  private static Expr text(String token) {
    String content = token.substring("\\text{".length(), token.length() - 1).trim();
    return new Text(content);
  }
}
