package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/** {@code if c then a else b}. */
public record CondExpr(Expr condition, Expr then, Expr otherwise, Span span) implements Expr {}
