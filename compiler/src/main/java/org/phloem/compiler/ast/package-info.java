/**
 * The syntax tree: immutable records under sealed interfaces.
 *
 * <p>Takes: nothing (built by {@code org.phloem.compiler.syntax.AstBuilder}). Guarantees: every node
 * carries a {@link org.phloem.compiler.source.Span}; lists are unmodifiable; nodes hold names as written
 * and no resolved meaning (the checker keeps that in side tables keyed by node identity, see {@code
 * org.phloem.compiler.check}). Records compare by value, so two textually equal nodes are {@code
 * equals}: key side tables by identity, never by equality.
 *
 * <ul>
 *   <li>{@link org.phloem.compiler.ast.Item}: {@link org.phloem.compiler.ast.Decl} (named
 *       declarations; {@link org.phloem.compiler.ast.ArrayDecl} for the value-holding ones), {@link
 *       org.phloem.compiler.ast.Stmt}, {@link org.phloem.compiler.ast.Include}.
 *   <li>{@link org.phloem.compiler.ast.Expr}: literals, names, indexing, calls, size, unary, binary,
 *       conditional, reductions.
 *   <li>{@link org.phloem.compiler.ast.LoopIndex}: the binding sites of loop and reduction indices.
 * </ul>
 */
package org.phloem.compiler.ast;
