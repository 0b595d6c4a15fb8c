/*
 * Phloem: the grammar of a model file (.phl).
 *
 * Visitor only: no actions, no semantic predicates. Everything the grammar cannot say cleanly (which
 * clauses a declaration may carry, declarations inside blocks, chained comparisons, the range of unit
 * exponents) is accepted here and reported as a positioned diagnostic by the AST builder, because such
 * messages read better than a parser's "expected" list.
 *
 * Statements need no separators: every statement starts with a keyword or a name followed by '[' or an
 * assignment operator, and no expression can continue with those, so the end of a statement is always
 * visible. An optional ';' is accepted between items.
 */
grammar Phloem;

file
    : item* EOF
    ;

item
    : declaration   #DeclarationItem
    | statement     #StatementItem
    | SEMI          #EmptyItem
    ;

// ---------------------------------------------------------------- declarations

declaration
    : MODEL ID STRING?                                             #ModelDecl
    | INCLUDE STRING                                               #IncludeDecl
    | DATA (ID ASSIGN)? STRING dataClause*                          #DataDecl
    | DIM ID (ASSIGN expr)?                                        #DimDecl
    | PARAM ID dims? ASSIGN initValue clause*                       #ParamDecl
    | INPUT ID dims? (ASSIGN columnRef)? clause*                   #InputDecl
    | CONST ID dims? ASSIGN initValue clause*                       #ConstDecl
    | STATE ID dims? (ASSIGN initValue)? clause*                    #StateDecl
    | VAR ID dims? clause*                                         #VarDecl
    | OUTPUT ID dims? clause*                                      #OutputDecl
    | FN ID LPAREN fnParams? RPAREN ASSIGN expr                    #ExprFnDecl
    | FN ID LPAREN fnParams? RPAREN block                          #BlockFnDecl
    ;

dims
    : LBRACK ID (COMMA ID)* RBRACK
    ;

// Which clause a data declaration may carry, and each at most once, is checked by the AST builder.
dataClause
    : ALONG ID                                   #AlongClause
    | WHERE expr                                 #WhereClause
    ;

fnParams
    : ID (COMMA ID)*
    ;

columnRef
    : ID (DOT ID)?
    ;

initValue
    : expr                                       #ScalarInit
    | LBRACE expr (COMMA expr)* RBRACE           #ArrayInit
    ;

// Which clause a declaration may carry, and each at most once, is checked by the AST builder.
clause
    : SD initValue                               #SdClause
    | IN LBRACK expr COMMA expr RBRACK           #BoundsClause
    | LOG                                        #LogClause
    | UNIT unit                                  #UnitClause
    | MISSING                                    #MissingClause
    | STRING                                     #DescriptionClause
    ;

unit
    : unitExpr                                   #UnitTokens
    | STRING                                     #UnitString
    ;

unitExpr
    : unitFactor ((STAR | SLASH) unitFactor)*
    ;

unitFactor
    : ID (CARET MINUS? INT)?                     #UnitSymbol
    | INT                                        #UnitNumber
    | PERCENT                                    #UnitPercent
    | LPAREN unitExpr RPAREN                     #UnitGroup
    ;

// ---------------------------------------------------------------- statements

statement
    : FOR loopIndex (COMMA loopIndex)* block                                    #ForStmt
    | LET ID ASSIGN expr                                                        #LetStmt
    | ID (LBRACK exprList RBRACK)? op=(ASSIGN | PLUS_ASSIGN) expr               #AssignStmt
    | ifStatement                                                               #IfStmt
    | OBSERVE modelled=expr TILDE dist=(NORMAL | ID) LPAREN args+=expr (COMMA args+=expr)* RPAREN
          (FOR loopIndex (COMMA loopIndex)*)? (IF where=expr)?                  #ObserveStmt
    | RETURN expr                                                               #ReturnStmt
    ;

ifStatement
    : IF expr block (ELSE (ifStatement | block))?
    ;

block
    : LBRACE item* RBRACE
    ;

loopIndex
    : ID IN ID                                   #DimLoopIndex
    | ID IN expr DOTDOT expr                     #RangeLoopIndex
    ;

// ---------------------------------------------------------------- expressions
// Alternatives from the tightest binding to the loosest.

expr
    : primary                                                        #PrimaryExpr
    | <assoc=right> expr CARET expr                                  #PowerExpr
    | op=(MINUS | NOT) expr                                          #UnaryExpr
    | expr op=(STAR | SLASH | PERCENT) expr                          #MulExpr
    // A reduction's body extends over products but not over sums, as a written sigma does.
    | op=(SUM | MEAN | PROD) LPAREN loopIndex (COMMA loopIndex)* RPAREN expr   #ReduceExpr
    | expr op=(PLUS | MINUS) expr                                    #AddExpr
    | expr op=(LT | LE | GT | GE | EQ | NE) expr                     #CompareExpr
    | expr AND expr                                                  #AndExpr
    | expr OR expr                                                   #OrExpr
    | IF expr THEN expr ELSE expr                                    #CondExpr
    ;

primary
    : INT                                        #IntLiteral
    | FLOAT                                      #RealLiteral
    | PI                                         #PiLiteral
    | SIZE LPAREN ID RPAREN                      #SizeOf
    | ID LBRACK exprList RBRACK                  #IndexedName
    | callee=(ID | LOG) LPAREN exprList? RPAREN  #Call
    | ID                                         #Name
    | LPAREN expr RPAREN                         #Parens
    ;

exprList
    : expr (COMMA expr)*
    ;

// ---------------------------------------------------------------- lexer

MODEL   : 'model';
INCLUDE : 'include';
DATA    : 'data';
DIM     : 'dim';
PARAM   : 'param';
INPUT   : 'input';
CONST   : 'const';
STATE   : 'state';
VAR     : 'var';
OUTPUT  : 'output';
FN      : 'fn';
LET     : 'let';
IF      : 'if';
THEN    : 'then';
ELSE    : 'else';
FOR     : 'for';
IN      : 'in';
RETURN  : 'return';
OBSERVE : 'observe';
NORMAL  : 'normal';
SD      : 'sd';
LOG     : 'log';
UNIT    : 'unit';
MISSING : 'missing';
SIZE    : 'size';
SUM     : 'sum';
MEAN    : 'mean';
PROD    : 'prod';
PI      : 'pi';
ALONG   : 'along';
WHERE   : 'where';

PLUS_ASSIGN : '+=';
EQ      : '==';
NE      : '!=';
LE      : '<=';
GE      : '>=';
AND     : '&&';
OR      : '||';
DOTDOT  : '..';
ASSIGN  : '=';
LT      : '<';
GT      : '>';
PLUS    : '+';
MINUS   : '-';
STAR    : '*';
SLASH   : '/';
PERCENT : '%';
CARET   : '^';
NOT     : '!';
TILDE   : '~';
LPAREN  : '(';
RPAREN  : ')';
LBRACK  : '[';
RBRACK  : ']';
LBRACE  : '{';
RBRACE  : '}';
COMMA   : ',';
DOT     : '.';
SEMI    : ';';

// A real needs digits after its point, so that `1..n` lexes as INT DOTDOT ID.
FLOAT
    : DIGITS '.' DIGITS EXPONENT?
    | '.' DIGITS EXPONENT?
    | DIGITS EXPONENT
    ;
INT     : DIGITS;
STRING  : '"' (~["\\\r\n] | '\\' .)* '"';
ID      : [a-zA-Z_] [a-zA-Z_0-9]*;

LINE_COMMENT  : '//' ~[\r\n]* -> skip;
BLOCK_COMMENT : '/*' .*? '*/' -> skip;
WS            : [ \t\r\n\f]+ -> skip;

fragment DIGITS   : [0-9]+;
fragment EXPONENT : [eE] [+-]? DIGITS;
