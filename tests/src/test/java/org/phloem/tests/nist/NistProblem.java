package org.phloem.tests.nist;

import java.util.List;

/**
 * One NIST StRD nonlinear regression problem as NIST certifies it (from the data root's
 * {@code nist/problems.csv} and {@code nist/certified.csv}).
 *
 * @param name NIST's name, e.g. {@code Misra1a}
 * @param difficulty NIST's level: Lower, Average or Higher
 * @param observations the number of data rows
 * @param residualSumOfSquares the certified residual sum of squares
 * @param parameters the certified parameters in NIST's order
 */
public record NistProblem(
    String name, String difficulty, int observations, double residualSumOfSquares, List<Parameter> parameters) {

  public NistProblem {
    parameters = List.copyOf(parameters);
  }

  /**
   * One parameter's row of {@code certified.csv}.
   *
   * @param name {@code b1}, {@code b2}, ...
   * @param start1 NIST's first (far) starting value
   * @param start2 NIST's second (near) starting value
   * @param value the certified value
   * @param sd the certified standard deviation
   */
  public record Parameter(String name, double start1, double start2, double value, double sd) {}

  /** The model file's name: the problem's name in lower case, e.g. {@code misra1a.phl}. */
  public String modelFileName() {
    return name.toLowerCase(java.util.Locale.ROOT) + ".phl";
  }

  /** The parameter names in NIST's order. */
  public List<String> parameterNames() {
    return parameters.stream().map(Parameter::name).toList();
  }

  /** The certified values in NIST's order. */
  public double[] certifiedValues() {
    return parameters.stream().mapToDouble(Parameter::value).toArray();
  }

  /** NIST's start 1 values in NIST's order. */
  public double[] start1() {
    return parameters.stream().mapToDouble(Parameter::start1).toArray();
  }

  /** NIST's start 2 values in NIST's order. */
  public double[] start2() {
    return parameters.stream().mapToDouble(Parameter::start2).toArray();
  }

  @Override
  public String toString() {
    return name;
  }
}
