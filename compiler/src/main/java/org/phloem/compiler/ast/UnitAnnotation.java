package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/**
 * A {@code unit ...} clause: the unit expression as text (from tokens, e.g. {@code gC/m2/day}, or the
 * content of a unit string), parsed by the checker's unit algebra.
 */
public record UnitAnnotation(String text, Span span) implements Node {}
