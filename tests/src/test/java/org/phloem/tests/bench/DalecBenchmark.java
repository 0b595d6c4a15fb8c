package org.phloem.tests.bench;

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
import org.phloem.runtime.CompiledModel;

/**
 * Benchmarks 2 and 3 on DALEC over the three Oregon years (1096 days):
 * <ul>
 *   <li>{@link #phloemForward} / {@link #handWrittenForward}: the compiled forward run against the same
 *       model written by hand in plain Java (target ≤ 1.2);</li>
 *   <li>{@link #observedGradient} / {@link #observedForward}: the adjoint gradient of the model with NEE
 *       and GPP observations against its forward run (target ≤ 3).</li>
 * </ul>
 * The fork runs with {@code -Xbatch}: the generated gradient method (about 4 KB of bytecode) takes
 * HotSpot's C2 several seconds to compile on a busy 2-core machine, and with background compilation
 * the measurement could start on profiled C1 code several times slower than the steady state. With
 * {@code -Xbatch} the warmup waits for each compilation instead; the compiled code is the same.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xbatch")
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class DalecBenchmark {
  private CompiledModel dalec;
  private HandDalec hand;
  private HandDalec handByPow;
  private double[] p;
  private CompiledModel observed;
  private double[] q;
  private double[] gradient;
  private double[] direction;
  private double[] hessianVector;
  private int gpp;

  /** Compiles both models and reads the drivers for the hand-written one. */
  @Setup
  public void setUp() throws Exception {
    dalec = BenchModels.dalec();
    hand = HandDalec.load();
    handByPow = HandDalec.loadSquaringByPow();
    p = dalec.info().priorMeans();
    gpp = dalec.info().outputIndex("gpp");
    observed = BenchModels.dalecWithObservations();
    q = BenchModels.testPoint(observed, 1);
    gradient = new double[q.length];
    direction = BenchModels.testPoint(observed, 5);
    hessianVector = new double[q.length];
  }

  /** The compiled forward run of models/dalec/dalec.phl (all eleven daily outputs). */
  @Benchmark
  public double phloemForward() {
    dalec.cost(p);
    return dalec.output(gpp)[1095];
  }

  /** The hand-written Java forward run (same outputs). */
  @Benchmark
  public double handWrittenForward() {
    hand.run(p);
    return hand.gpp[1095];
  }

  /** Control: the hand-written run squaring with Math.pow(x, 2) as the generated code does. */
  @Benchmark
  public double handWrittenForwardSquaringByPow() {
    handByPow.run(p);
    return handByPow.gpp[1095];
  }

  /** The forward run of DALEC with observations (cost included). */
  @Benchmark
  public double observedForward() {
    return observed.cost(q);
  }

  /** Forward and adjoint sweeps of DALEC with observations: the full gradient. */
  @Benchmark
  public double[] observedGradient() {
    observed.gradient(q, gradient);
    return gradient;
  }

  /**
   * A Hessian-vector product (forward over reverse) of DALEC with observations: not a target, but its
   * generated method is the largest, and past HotSpot's 8000-byte limit a method is never compiled.
   */
  @Benchmark
  public double[] observedHessianVector() {
    observed.hessianVector(q, direction, hessianVector);
    return hessianVector;
  }
}
