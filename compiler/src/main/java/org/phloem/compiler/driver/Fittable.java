package org.phloem.compiler.driver;

import org.phloem.runtime.ModelInfo;

/** The two things a model needs before it can be checked or fitted: parameters, and observations of it. */
final class Fittable {
  private Fittable() {}

  /**
   * Refuses a model without parameters or without observations, saying why.
   *
   * @param task what was asked, as a verb phrase ("check", "fit")
   */
  static void require(ModelInfo info, String task) throws UserErrors.UserException {
    requireParameters(info, task);
    if (info.observations().isEmpty()) {
      throw new UserErrors.UserException("model " + info.name() + " has no observe statement, so its cost is zero and there is nothing to "
          + task + ". Add one, e.g.  observe nee[d] ~ normal(nee_obs[d], 0.5) for d in day"
          + "  (phloem run MODEL runs the forward model without observations)");
    }
  }

  /** Refuses a model without parameters: derivatives with respect to nothing cannot be checked or fitted. */
  static void requireParameters(ModelInfo info, String task) throws UserErrors.UserException {
    if (info.parameterCount() == 0) {
      throw new UserErrors.UserException("model " + info.name() + " has no parameters, so there is nothing to " + task
          + ". Declare one, e.g.  param eps = 1.1 sd 0.3 in [0.05, 5]");
    }
  }
}
