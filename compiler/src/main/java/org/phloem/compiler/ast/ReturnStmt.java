package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/** {@code return e} in a block fn. */
public record ReturnStmt(Expr value, Span span) implements Stmt {}
