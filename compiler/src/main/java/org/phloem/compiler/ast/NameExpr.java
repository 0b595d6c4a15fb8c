package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/** A name used as a value, without indices. */
public record NameExpr(String name, Span span) implements Expr {}
