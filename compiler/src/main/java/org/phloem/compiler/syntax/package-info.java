/**
 * Parsing: text to AST.
 *
 * <p>Takes: a {@link org.phloem.compiler.source.SourceFile}. Guarantees: {@link
 * org.phloem.compiler.syntax.Parsing#parse} reports every syntax error it can find (ANTLR recovers and
 * goes on; at most one error per line, since later ones on the same line are mostly echoes), each
 * positioned and worded as "Expected X after 'Y', found 'Z'." rather than in token names; it returns an
 * AST only for a file free of syntax errors, never a partial one. Things the grammar accepts but the
 * language forbids (a declaration inside a block, a clause a declaration cannot carry or carries twice,
 * chained comparisons) are reported here too and also withhold the AST. Nothing is resolved here: names
 * stay names.
 */
package org.phloem.compiler.syntax;
