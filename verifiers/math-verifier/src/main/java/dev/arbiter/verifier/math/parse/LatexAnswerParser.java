package dev.arbiter.verifier.math.parse;

import dev.arbiter.verifier.math.ast.Expr;
import dev.arbiter.verifier.math.equiv.WorkBudget;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTreeListener;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parses a normalized answer string with the ANTLR grammar {@code MathLatex.g4} into an {@link
 * Expr}. Refuses inputs over the structural limits before parsing, so that hostile input costs
 * bounded time and stack. Thread-safe (each call builds its own lexer and parser).
 */
public final class LatexAnswerParser {

  /** Thrown when an answer is not in the grammar or over a limit. */
  public static final class ParseFailure extends Exception {
    public ParseFailure(String message) {
      super(message, null, false, false);
    }
  }

  private final int maxLength;
  private final int maxDepth;

  public LatexAnswerParser(int maxLength, int maxDepth) {
    this.maxLength = maxLength;
    this.maxDepth = maxDepth;
  }

  public Expr parse(String text, boolean bareListsOrdered) throws ParseFailure {
    if (text.isBlank()) {
      throw new ParseFailure("empty answer");
    }
    String normalized = GroupingUnwrapper.unwrap(text);
    if (normalized.length() > maxLength) {
      throw new ParseFailure("answer longer than " + maxLength + " characters");
    }
    if (nestingDepth(normalized) > maxDepth) {
      throw new ParseFailure("answer nested deeper than " + maxDepth + " levels");
    }
    MathLatexLexer lexer = new MathLatexLexer(CharStreams.fromString(normalized));
    lexer.removeErrorListeners();
    lexer.addErrorListener(THROWING);
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    MathLatexParser parser = new MathLatexParser(tokens);
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    // the parse stops with the item's budget (WorkBudget.Exceeded passes through the catches below)
    parser.addParseListener(BUDGET);
    MathLatexParser.AnswerContext tree;
    try {
      tree = parseTwoStage(parser, tokens);
    } catch (RecognitionException | IllegalStateException e) {
      throw new ParseFailure("not a math expression: " + message(e));
    }
    try {
      return new AstBuilder(bareListsOrdered).answer(tree);
    } catch (UnknownCommand e) {
      throw new ParseFailure("unknown command " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ParseFailure(e.getMessage());
    }
  }

  private static MathLatexParser.AnswerContext parseTwoStage(
      MathLatexParser parser, CommonTokenStream tokens) {
    MathLatexParser.AnswerContext tree;
    try {
      tree = parser.answer();
    } catch (ParseCancellationException | RecognitionException e) {
      tokens.seek(0);
      parser.reset();
      parser.addErrorListener(THROWING);
      parser.setErrorHandler(new DefaultErrorStrategy());
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      tree = parser.answer();
    }
    return tree;
  }

  private static String message(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** Deepest nesting of brackets of any kind. */
  static int nestingDepth(String s) {
    int depth = 0;
    int max = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{' || c == '(' || c == '[') {
        max = Math.max(max, ++depth);
      } else if ((c == '}' || c == ')' || c == ']') && depth > 0) {
        depth--;
      }
    }
    return max;
  }

  private static final ParseTreeListener BUDGET =
      new ParseTreeListener() {
        @Override
        public void enterEveryRule(ParserRuleContext ctx) {
          WorkBudget.check();
        }

        @Override
        public void exitEveryRule(ParserRuleContext ctx) {}

        @Override
        public void visitTerminal(TerminalNode node) {}

        @Override
        public void visitErrorNode(ErrorNode node) {}
      };

  private static final BaseErrorListener THROWING =
      new BaseErrorListener() {
        @Override
        public void syntaxError(
            Recognizer<?, ?> recognizer,
            Object offendingSymbol,
            int line,
            int charPositionInLine,
            String msg,
            RecognitionException e) {
          throw new ParseCancellationException("at " + charPositionInLine + ": " + msg);
        }
      };
}
