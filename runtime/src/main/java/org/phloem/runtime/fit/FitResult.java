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
 * @param status the verdict's status: {@link FitStatus#CONVERGED} only at a verified minimum
 * @param method what ran, e.g. "lbfgs+newton"
 * @param iterations every iteration of every stage, in order
 * @param evaluations cost evaluations used in all (Hessian-vector products of the Newton phase and the verdict included)
 * @param notes other things the user should know (start moved off a bound, why each phase stopped, ...)
 * @param verdict the conditions checked at the end, and which slots are held on a bound
 */
public record FitResult(double[] parameters, double[] search, double cost, double observationCost, double priorCost, double gradientNorm,
    FitStatus status, String method, List<IterationRecord> iterations, int evaluations, List<String> notes, Verdict verdict) implements java.io.Serializable {

  public FitResult {
    parameters = parameters.clone();
    search = search.clone();
    iterations = List.copyOf(iterations);
    notes = List.copyOf(notes);
  }

  /** Per slot, the bound it is held on (NONE for a free slot). */
  public List<Bound> bounds() {
    return verdict.bounds();
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
