package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/** {@code a OP b}. */
public record BinaryExpr(BinaryOp op, Expr left, Expr right, Span span) implements Expr {}
