package org.phloem.tests.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.tests.bethy.BethySite;
import org.phloem.tests.sdbm.SdbmData;
import org.phloem.tests.support.Repo;

/**
 * Benchmark 2 of issue 6 on the science models: gradient (adjoint) against forward for the BETHY site
 * model (models/bethy/hyytiala.phl, 57 parameters, FI-Hyy 2000-2010 daily) and the SDBM coupled to the
 * 1-D transport (models/sdbm/sdbm.phl, 12 parameters, 36 bands, the seasonal cycle at 18 stations; its
 * synthetic forcing is written into a temporary folder first, as its tests do). Target: ratio ≤ 3.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xbatch")
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class ScienceBenchmark {
  private CompiledModel bethy;
  private double[] bethyP;
  private double[] bethyG;
  private CompiledModel sdbm;
  private double[] sdbmP;
  private double[] sdbmG;

  /** Compiles and binds both models at their prior means. */
  @Setup
  public void setUp() throws Exception {
    bethy = BethySite.load("hyytiala.phl");
    bethyP = bethy.info().priorMeans();
    bethyG = new double[bethyP.length];
    Path data = Repo.dataRoot(Repo.model("sdbm/sdbm.phl")); // the shipped data/sdbm/, what SdbmData writes
    sdbm = Pipeline.compile(Repo.model("sdbm/sdbm.phl"), true).bind(data);
    sdbmP = sdbm.info().priorMeans();
    sdbmG = new double[sdbmP.length];
  }

  /** BETHY site: forward run (cost). */
  @Benchmark
  public double bethyForward() {
    return bethy.cost(bethyP);
  }

  /** BETHY site: cost and adjoint gradient. */
  @Benchmark
  public double bethyGradient() {
    return bethy.gradient(bethyP, bethyG);
  }

  /** SDBM + transport: forward run (cost). */
  @Benchmark
  public double sdbmForward() {
    return sdbm.cost(sdbmP);
  }

  /** SDBM + transport: cost and adjoint gradient. */
  @Benchmark
  public double sdbmGradient() {
    return sdbm.gradient(sdbmP, sdbmG);
  }
}
