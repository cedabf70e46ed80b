/*
 * The SCIM filter and PATCH path language of RFC 7644 §3.4.2.2 and §3.5.2.
 *
 * Rule names follow the RFC's ABNF. Precedence is structural: `or` is made of `and` terms, so `and`
 * binds tighter; `not` must be followed by a parenthesised filter. Beyond the ABNF, a value path may
 * be followed by a sub-attribute and a comparison (`emails[type eq "work"].value eq "x"`), which real
 * clients send, and whitespace between tokens is optional where the tokens stay distinct.
 * Keywords are case-insensitive and may also be used as attribute names.
 *
 * Two readers, one grammar. This grammar is the grammar of record, but it is not the only reader of
 * the language: the hand-written recursive-descent dev.roster.scim.filter.internal.FastParser reads
 * the common forms first, builds the same AST, and gives up (returns null) on any error or unusual
 * spelling. FilterParser hands every text FastParser is not sure of to ANTLR, through
 * dev.roster.scim.filter.internal.AntlrReader and AstBuilder (the only code that sees ANTLR's
 * types), so ANTLR produces every error message and position a client sees.
 *
 * They are kept in step by tests, not by generation:
 *   - FastParserTest's differential test: every corpus filter and path and 200,000 mutated texts
 *     must read to equal ASTs whenever FastParser accepts one, FastParser must accept no invalid
 *     corpus text, and it must read every valid corpus filter and path;
 *   - FilterCorpusTest runs the corpus (src/test/resources/filters: trees, errors and positions)
 *     against each reader alone: both must build every expected tree (FastParser when it accepts
 *     the text), FastParser must leave every invalid text to ANTLR, and ANTLR must report each
 *     error at its expected position.
 * A change to this grammar (a token, a rule, an alternative) is a change to FastParser too, and
 * to the corpus that shows it.
 */
grammar ScimFilter;

options {
  caseInsensitive = true;
}

/* Entry points. */

filter
  : logExp EOF
  ;

path
  : attrPath EOF                       # plainPath
  | valuePath (DOT subAttr=attrName)? EOF  # filteredPath
  ;

/* logExp = FILTER ("and" / "or") FILTER, with "and" binding tighter. */
logExp
  : andExp (OR andExp)*
  ;

andExp
  : term (AND term)*
  ;

term
  : NOT? LPAREN logExp RPAREN                                       # group
  | attrPath PR                                                     # present
  | attrPath compareOp compValue                                    # compare
  | valuePath (DOT subAttr=attrName (PR | compareOp compValue))?    # valuePathTerm
  ;

/* valuePath = attrPath "[" valFilter "]": a value filter holds no value paths of its own. */
valuePath
  : attrPath LBRACKET valLogExp RBRACKET
  ;

valLogExp
  : valAndExp (OR valAndExp)*
  ;

valAndExp
  : valTerm (AND valTerm)*
  ;

valTerm
  : NOT? LPAREN valLogExp RPAREN    # valGroup
  | attrPath PR                     # valPresent
  | attrPath compareOp compValue    # valCompare
  ;

/* attrPath = [URI ":"] ATTRNAME *1subAttr; a URN-prefixed path is one token, split by the visitor. */
attrPath
  : URN_PATH
  | attrName (DOT subName=attrName)?
  ;

attrName
  : NAME
  | EQ | NE | CO | SW | EW | GT | GE | LT | LE | PR
  | AND | OR | NOT
  | TRUE | FALSE | NULL
  ;

compareOp
  : EQ | NE | CO | SW | EW | GT | GE | LT | LE
  ;

compValue
  : FALSE
  | NULL
  | TRUE
  | NUMBER
  | STRING
  ;

/* Tokens. Keywords come before NAME so that `eq` is an operator; the parser lets them be names. */

EQ : 'eq';
NE : 'ne';
CO : 'co';
SW : 'sw';
EW : 'ew';
GT : 'gt';
GE : 'ge';
LT : 'lt';
LE : 'le';
PR : 'pr';
AND : 'and';
OR : 'or';
NOT : 'not';
TRUE : 'true';
FALSE : 'false';
NULL : 'null';

LPAREN : '(';
RPAREN : ')';
LBRACKET : '[';
RBRACKET : ']';
DOT : '.';

/* A schema URN, its attribute and any sub-attribute: urn:...:User:manager.value */
URN_PATH
  : 'urn:' ~[ \t\r\n"()[\]]+
  ;

/* ATTRNAME = ALPHA *(nameChar) with RFC 7643 §2.1's nameChar ("$" / "-" / "_" / DIGIT / ALPHA), and
   "$ref". RFC 7644's filter ABNF leaves "$" out; a name a schema may declare must stay filterable. */
NAME
  : [a-z] [a-z0-9$_-]*
  | '$ref'
  ;

/* A JSON number (RFC 8259 §6). */
NUMBER
  : '-'? ('0' | [1-9] [0-9]*) ('.' [0-9]+)? ('e' [+-]? [0-9]+)?
  ;

/* A JSON string (RFC 8259 §7): any Unicode except unescaped quotes, backslashes and controls. */
STRING
  options { caseInsensitive = false; }
  : '"' (ESCAPE | ~["\\\u0000-\u001F])* '"'
  ;

fragment ESCAPE
  options { caseInsensitive = false; }
  : '\\' (["\\/bfnrt] | 'u' HEX HEX HEX HEX)
  ;

fragment HEX
  options { caseInsensitive = false; }
  : [0-9a-fA-F]
  ;

WS
  : [ \t\r\n]+ -> skip
  ;

/* Anything else is one bad character, reported by the parser with its position. */
UNEXPECTED
  : .
  ;
