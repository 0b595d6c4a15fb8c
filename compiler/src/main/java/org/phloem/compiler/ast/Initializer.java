package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;

/**
 * A declared value: a single expression ({@code = 1.1}) or a list ({@code = {60, 90, 41}}).
 *
 * @param elements one element for the scalar form
 * @param list true for the braced list form
 */
public record Initializer(List<Expr> elements, boolean list, Span span) implements Node {
  public Initializer {
    elements = List.copyOf(elements);
  }
}
