package org.phloem.runtime.data;

import java.util.List;
import java.util.stream.Collectors;

/** The data cannot be bound: every problem found, each naming file, row and column where it can. */
public class DataException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<DataProblem> problems;

  public DataException(List<DataProblem> problems) {
    super(problems.stream().map(DataProblem::describe).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public DataException(DataProblem problem) {
    this(List.of(problem));
  }

  /** Every problem found, in the order found. */
  public List<DataProblem> problems() {
    return problems;
  }
}
