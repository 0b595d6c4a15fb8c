package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;

/**
 * {@code observe MODELLED ~ normal(OBSERVED, SD) for i in dim, ...}: adds ½((MODELLED−OBSERVED)/SD)²
 * to the cost for every element whose OBSERVED is not missing.
 *
 * @param indices the dims it runs over, outermost first; empty for a scalar observation
 */
public record ObserveStmt(Expr modelled, Expr observed, Expr sd, List<LoopIndex> indices, Span span)
    implements Stmt {
  public ObserveStmt {
    indices = List.copyOf(indices);
  }
}
