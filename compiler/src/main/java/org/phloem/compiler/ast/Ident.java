package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/** A name as written at one place (a declared name, a dim in a list, a loop variable). */
public record Ident(String name, Span span) implements Node {}
