/*
 * The SCIM filter and PATCH path language of RFC 7644 §3.4.2.2 and §3.5.2.
 *
 * Rule names follow the RFC's ABNF. Precedence is structural: `or` is made of `and` terms, so `and`
 * binds tighter; `not` must be followed by a parenthesised filter. Beyond the ABNF, a value path may
 * be followed by a sub-attribute and a comparison (`emails[type eq "work"].value eq "x"`), which real
 * clients send, and whitespace between tokens is optional where the tokens stay distinct.
 * Keywords are case-insensitive and may also be used as attribute names.
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
