package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/** {@code size(dim)}: the dim's size, an INT. */
public record SizeExpr(Ident dim, Span span) implements Expr {}
