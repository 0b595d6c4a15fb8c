package org.phloem.compiler.ast;

import java.util.List;
import org.phloem.compiler.source.Span;
import org.phloem.runtime.Likelihood;

/**
 * {@code observe MODELLED ~ DIST(ARGS) for i in dim, ...}: adds the negative log-likelihood of DIST
 * (see {@link Likelihood}) to the cost for every element whose observed value and sd are not missing:
 * {@code normal(OBSERVED, SD)}, {@code lognormal(OBSERVED, SD_LOG)} or {@code student_t(NU, OBSERVED, SD)}.
 *
 * @param distribution the distribution's name as written (checked against {@link Likelihood})
 * @param args its arguments as written
 * @param indices the dims it runs over, outermost first; empty for a scalar observation
 * @param where the condition after {@code if} selecting which elements are observed (a held-out year,
 *     a quality flag), or null when every element with an observation is used
 */
public record ObserveStmt(Expr modelled, Ident distribution, List<Expr> args, List<LoopIndex> indices, Expr where, Span span)
    implements Stmt {
  public ObserveStmt {
    args = List.copyOf(args);
    indices = List.copyOf(indices);
  }

  /** A {@code normal(observed, sd)} observation. */
  public ObserveStmt(Expr modelled, Expr observed, Expr sd, List<LoopIndex> indices, Expr where, Span span) {
    this(modelled, new Ident("normal", span), List.of(observed, sd), indices, where, span);
  }

  /** The distribution, or null when the name is none Phloem knows (the checker reports it). */
  public Likelihood likelihood() {
    return Likelihood.named(distribution.name());
  }

  /** The observed value (for an unknown distribution or a wrong argument count, the first argument after any ν). */
  public Expr observed() {
    return arg(likelihood() == null ? 0 : likelihood().observedArgument());
  }

  /** The sd (for a lognormal, of the log). */
  public Expr sd() {
    return arg(likelihood() == null ? 1 : likelihood().scaleArgument());
  }

  /** The degrees of freedom of a student_t, else null. */
  public Expr nu() {
    return likelihood() == Likelihood.STUDENT_T ? arg(0) : null;
  }

  private Expr arg(int i) {
    return i < args.size() ? args.get(i) : args.get(args.size() - 1);
  }
}
