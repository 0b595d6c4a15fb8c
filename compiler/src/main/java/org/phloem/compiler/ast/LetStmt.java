package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/** {@code let y = e}: an immutable scalar local, scoped to the enclosing block. */
public record LetStmt(Ident name, Expr value, Span span) implements Stmt {}
