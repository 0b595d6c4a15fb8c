package org.phloem.compiler.ast;

import org.phloem.compiler.source.Span;

/**
 * A number as written ({@code 1}, {@code 2.5e3}, {@code pi}).
 *
 * @param integer true for an integer literal (type INT)
 * @param text the literal as written
 */
public record NumberLit(double value, boolean integer, String text, Span span) implements Expr {}
