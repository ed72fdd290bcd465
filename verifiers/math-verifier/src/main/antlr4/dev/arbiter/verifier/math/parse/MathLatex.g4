/*
 * LaTeX math and plain expression syntax for final answers, after LatexNormalizer has rewritten
 * spacing, \left/\right, matrix environments and malformed shorthand. Produces a parse tree that
 * AstBuilder turns into the verifier's own AST (dev.arbiter.verifier.math.ast).
 */
grammar MathLatex;

answer : items EOF ;

items : relation (sep relation)* sep? ;

sep : COMMA | SEMI | OR ;

relation : setExpr (relop setExpr)* ;

relop : EQ | NE | LT | GT | LE | GE | APPROX | IN ;

setExpr : additive (setop additive)* ;

setop : CUP | CAP | SETMINUS ;

additive : multiplicative (addop multiplicative)* ;

addop : PLUS | MINUS | PM | MP ;

multiplicative : unary (mulop unary | implicitFactor)* ;

mulop : TIMES | DIV | COLON ;

implicitFactor : postfix ;

unary
  : (PLUS | MINUS | PM | MP) unary
  | postfix
  ;

postfix : primary postfixOp* ;

postfixOp
  : BANG
  | CARET script
  | UNDERSCORE script
  | PRIME
  | PERCENT
  ;

script
  : LBRACE items? RBRACE
  | NUMBER
  | LETTER
  | CMD
  | PI
  | INF
  | TEXT
  | MINUS NUMBER
  ;

primary
  : primaryNoFunc
  | funcApp
  ;

primaryNoFunc
  : NUMBER                                                    # number
  | LETTER                                                    # letter
  | CMD                                                       # command
  | PI                                                        # pi
  | INF                                                       # infinity
  | TEXT                                                      # text
  | FRAC fracArg fracArg                                      # frac
  | BINOM fracArg fracArg                                     # binom
  | SQRT (LBRACK additive RBRACK)? fracArg                    # sqrt
  | open=(LPAREN | LBRACK) items close=(RPAREN | RBRACK)      # bracketed
  | LBRACE items? RBRACE                                      # braced
  | LSET relation (BAR | COLON) relation RSET                 # setBuilder
  | LSET items? RSET                                          # setLiteral
  | BAR items BAR                                             # abs
  | MATBEGIN matrixRow (ROWSEP matrixRow)* ROWSEP? MATEND     # matrix
  | bigop=(SUM | PROD) (UNDERSCORE script)? (CARET script)? multiplicative  # bigOperator
  ;

fracArg
  : LBRACE items RBRACE
  | NUMBER
  | LETTER
  | CMD
  | PI
  ;

funcApp : FUNC (CARET script)? (UNDERSCORE script)? funcArg ;

funcArg
  : LPAREN items RPAREN
  | argFactor+
  ;

argFactor : primaryNoFunc postfixOp* ;

matrixRow : relation? (AMP relation?)* ;

// ---------------------------------------------------------------- lexer

WS : [ \t\r\n\f]+ -> skip ;
SPACING : ('\\,' | '\\;' | '\\:' | '\\!' | '\\ ' | '~') -> skip ;

ROWSEP : '\\\\' ;
LSET : '\\{' ;
RSET : '\\}' ;
PERCENT : '\\%' | '%' ;

PLUS : '+' ;
MINUS : '-' ;
TIMES : '*' | '\\cdot' | '\\times' | '\\ast' ;
DIV : '/' | '\\div' ;
CARET : '^' ;
UNDERSCORE : '_' ;
BANG : '!' ;
PRIME : '\'' ;
COLON : ':' ;
COMMA : ',' ;
SEMI : ';' ;
AMP : '&' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;
BAR : '|' | '\\vert' | '\\lvert' | '\\rvert' | '\\mid' ;

EQ : '=' ;
NE : '\\ne' | '\\neq' | '!=' ;
LE : '\\le' | '\\leq' | '\\leqslant' | '<=' ;
GE : '\\ge' | '\\geq' | '\\geqslant' | '>=' ;
LT : '<' | '\\lt' ;
GT : '>' | '\\gt' ;
APPROX : '\\approx' | '\\simeq' | '\\thickapprox' ;
IN : '\\in' ;

CUP : '\\cup' ;
CAP : '\\cap' ;
SETMINUS : '\\setminus' ;
OR : '\\lor' | '\\vee' ;
PM : '\\pm' ;
MP : '\\mp' ;

FRAC : '\\frac' | '\\dfrac' | '\\tfrac' | '\\cfrac' ;
BINOM : '\\binom' | '\\dbinom' | '\\tbinom' ;
SQRT : '\\sqrt' ;
SUM : '\\sum' ;
PROD : '\\prod' ;
FUNC
  : '\\sin' | '\\cos' | '\\tan' | '\\sec' | '\\csc' | '\\cot'
  | '\\arcsin' | '\\arccos' | '\\arctan' | '\\arcsec' | '\\arccsc' | '\\arccot'
  | '\\sinh' | '\\cosh' | '\\tanh' | '\\coth' | '\\sech' | '\\csch'
  | '\\ln' | '\\log' | '\\lg' | '\\exp'
  ;
PI : '\\pi' ;
INF : '\\infty' ;
MATBEGIN : '\\matbegin' ;
MATEND : '\\matend' ;
TEXT : '\\text{' ~[{}]* '}' ;
CMD : '\\' [a-zA-Z]+ ;

NUMBER : [0-9]+ ('.' [0-9]+)? | '.' [0-9]+ ;
LETTER : [a-zA-Z] ;
