package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/** {@code t in FROM..TO}: an inclusive integer range; t is a plain INT. */
public record RangeIndex(Ident var, Expr from, Expr to, Span span) implements LoopIndex {}
