package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;

/**
 * {@code x = e}, {@code x[i, j] = e} or {@code x[i] += e}.
 *
 * @param target the assigned name (a name-use: the checker resolves it)
 * @param indices the element's indices; empty for a scalar
 * @param accumulate true for {@code +=}
 */
public record AssignStmt(Ident target, List<Expr> indices, boolean accumulate, Expr value, Span span)
    implements Stmt {
  public AssignStmt {
    indices = List.copyOf(indices);
  }
}
