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
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.multistart.MultiStart;
import org.phloem.runtime.multistart.MultiStartOptions;
import org.phloem.runtime.multistart.MultiStartResult;
import org.phloem.runtime.multistart.StartProgress;
import org.phloem.tests.support.Repo;

/**
 * What {@code fit --starts N} costs against one fit: the demo's model (models/dalec/oregon.phl, 10
 * parameters, 2,188 observations) fitted from its prior means, and from N starts (the same start 0,
 * N − 1 drawn from the prior with seed 1) on 2 threads. On 2 free cores the wall ratio would be about
 * N/2 times the drawn starts' average cost relative to start 0's; the CPU ratio about N times it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MultiStartBenchmark {
  /** How many starts. */
  @Param({"4", "8"})
  public int n;

  private CompiledModel model;

  /** Compiles and binds the demo model. */
  @Setup
  public void setUp() throws Exception {
    model = Repo.load("dalec/oregon.phl");
  }

  /** One fit from the prior means, as {@code phloem fit} makes it. */
  @Benchmark
  public double singleFit() {
    return Fitter.fit(model, FitOptions.defaults()).cost();
  }

  /** N starts on 2 threads; the best converged cost. */
  @Benchmark
  public double multiStart() {
    MultiStartResult r = MultiStart.run(model, FitOptions.defaults(), MultiStartOptions.of(n, 1).withThreads(2), StartProgress.NONE);
    return r.best().orElseThrow().cost();
  }
}
