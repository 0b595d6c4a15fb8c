package org.phloem.tests.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.phloem.runtime.CompiledModel;

/**
 * Benchmarks 3 and 4 on the synthetic {@link SitesModel} with n parameters (n sites × 1096 days): the
 * compiled forward run, the compiled adjoint gradient, and three other ways to the same gradient —
 * forward mode with commons-math3's dense {@code DerivativeStructure} and its {@code SparseGradient} on
 * the hand-written model, and central finite differences (2n compiled forward runs). The fork runs
 * with {@code -Xbatch} for the reason given on {@link DalecBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xbatch")
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class SitesBenchmark {
  /** The number of sites, and so of parameters. */
  @Param({"10", "50", "200"})
  public int n;

  private CompiledModel model;
  private SitesModel hand;
  private double[] p;
  private double[] gradient;

  /** Compiles the model for this n and reads the drivers for the hand-written one. */
  @Setup
  public void setUp() throws Exception {
    model = BenchModels.sites(n);
    hand = SitesModel.load();
    p = BenchModels.testPoint(model, 2);
    gradient = new double[n];
  }

  /** The compiled forward run (cost). */
  @Benchmark
  public double forward() {
    return model.cost(p);
  }

  /** The compiled forward and adjoint sweeps: the full gradient. */
  @Benchmark
  public double[] adjoint() {
    model.gradient(p, gradient);
    return gradient;
  }

  /** Forward mode on the hand-written model with dense DerivativeStructures. */
  @Benchmark
  public double[] derivativeStructure() {
    return hand.gradientDense(p);
  }

  /** Forward mode on the hand-written model with SparseGradients. */
  @Benchmark
  public double[] sparseGradient() {
    return hand.gradientSparse(p);
  }

  /** Central finite differences: 2n compiled forward runs. */
  @Benchmark
  public double[] centralDifferences() {
    return FiniteDifferences.central(model, p);
  }
}
