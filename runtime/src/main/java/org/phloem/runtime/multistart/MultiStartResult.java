package org.phloem.runtime.multistart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outcome of a multi-start fit.
 *
 * @param options how it ran
 * @param outcomes one per start, by index (start 0 = the default start)
 * @param optima the distinct optima of the converged starts, lowest cost first
 */
public record MultiStartResult(MultiStartOptions options, List<StartOutcome> outcomes, List<Optimum> optima) {

  public MultiStartResult {
    outcomes = List.copyOf(outcomes);
    optima = List.copyOf(optima);
  }

  /** The start that stands for the best converged optimum (see {@link Optimum#representative}); empty when no start converged. */
  public Optional<StartOutcome> best() {
    return optima.isEmpty() ? Optional.empty() : Optional.of(outcomes.get(optima.get(0).representative()));
  }

  /**
   * The start whose fit is reported: the best converged one, or when none converged the one that ended
   * at the lowest finite cost (lowest index among equals); empty when no fit could be run at all.
   */
  public Optional<StartOutcome> reported() {
    if (best().isPresent()) {
      return best();
    }
    return outcomes.stream().filter(o -> o.result() != null && Double.isFinite(o.cost()))
        .min(Comparator.comparingDouble(StartOutcome::cost).thenComparingInt(StartOutcome::index));
  }

  /** The optimum start {@code index} reached, or empty when it did not converge. */
  public Optional<Optimum> optimumOf(int index) {
    return optima.stream().filter(o -> o.starts().contains(index)).findFirst();
  }

  /** True when the default start (start 0) converged to the best optimum. */
  public boolean defaultReachedBest() {
    return !optima.isEmpty() && optima.get(0).starts().contains(0);
  }

  /** How many starts converged. */
  public int convergedCount() {
    return (int) outcomes.stream().filter(StartOutcome::converged).count();
  }

  /** The starts that did not converge, by status name (sorted by name), each with its start indices. */
  public Map<String, List<Integer>> notConverged() {
    Map<String, List<Integer>> byStatus = new TreeMap<>();
    for (StartOutcome o : outcomes) {
      if (!o.converged()) {
        byStatus.computeIfAbsent(o.statusName(), k -> new ArrayList<>()).add(o.index());
      }
    }
    return new LinkedHashMap<>(byStatus);
  }
}
