package org.phloem.runtime.fit;

import java.util.List;

/**
 * The outcome of {@link Fitter#fit}.
 *
 * @param parameters the optimum in physical units, in slot order
 * @param search the optimum in the search space
 * @param cost the cost J = prior + observation there
 * @param observationCost the observation part
 * @param priorCost the prior part
 * @param gradientNorm the norm of ∇ₓJ there
 * @param status why the fit stopped (after the polish: see {@link Fitter})
 * @param method what ran, e.g. "lbfgs+newton"
 * @param iterations every iteration of every stage, in order
 * @param evaluations cost evaluations used in all (Hessian-vector products of the polish included)
 * @param notes other things the user should know (start moved off a bound, why the polish stopped, ...)
 */
public record FitResult(double[] parameters, double[] search, double cost, double observationCost, double priorCost, double gradientNorm,
    FitStatus status, String method, List<IterationRecord> iterations, int evaluations, List<String> notes) {

  public FitResult {
    parameters = parameters.clone();
    search = search.clone();
    iterations = List.copyOf(iterations);
    notes = List.copyOf(notes);
  }

  /** Status sentence, advice and notes, one per line, for the terminal. */
  public String summary() {
    StringBuilder sb = new StringBuilder(status.sentence());
    if (!status.advice().isEmpty()) {
      sb.append('\n').append(status.advice());
    }
    for (String note : notes) {
      sb.append("\nnote: ").append(note);
    }
    return sb.toString();
  }
}
