package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/**
 * {@code if c { ... } else { ... }}. An {@code else if} is an otherwise-block holding one IfStmt.
 *
 * @param otherwise the else block, or null
 */
public record IfStmt(Expr condition, Block then, Block otherwise, Span span) implements Stmt {}
