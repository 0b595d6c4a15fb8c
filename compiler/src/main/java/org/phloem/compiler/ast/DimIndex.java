package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/** {@code i in dim}: i runs over 0..size(dim)-1 and is an index of that dim. */
public record DimIndex(Ident var, Ident dim, Span span) implements LoopIndex {}
