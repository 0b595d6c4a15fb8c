package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/** {@code -e} or {@code !e}. */
public record UnaryExpr(UnaryOp op, Expr operand, Span span) implements Expr {}
