package org.phloem.tests.bench;

import java.nio.file.Path;
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
import org.phloem.compiler.ad.AutoDiff;
import org.phloem.compiler.check.CheckedModel;
import org.phloem.compiler.check.Frontend;
import org.phloem.compiler.codegen.LoadedModel;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.lower.Lowering;
import org.phloem.tests.support.Repo;

/**
 * Benchmark 1: in-process compile time, DSL text to loaded class, warm. {@link #compile} is the whole
 * {@code Pipeline.compile(path, true)} (target ≤ 0.3 s); the other methods time its stages one by one,
 * each from the previous stage's product, so the table shows where the time goes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class CompileBenchmark {
  /** The model file, relative to models/. */
  @Param({"dalec/dalec.phl"})
  public String model;

  private Path file;
  private CheckedModel checked;
  private IrProgram forward;
  private IrProgram differentiated;

  /** Runs the stages once so that each stage benchmark has its input. */
  @Setup
  public void setUp() throws Exception {
    file = Repo.model(model);
    checked = Frontend.analyze(file);
    forward = Lowering.lower(checked);
    differentiated = AutoDiff.differentiate(forward);
  }

  /** Text to loaded class, forward model and derivatives. */
  @Benchmark
  public Compilation compile() throws Exception {
    return Pipeline.compile(file, true);
  }

  /** Text to loaded class, forward model only. */
  @Benchmark
  public Compilation compileForwardOnly() throws Exception {
    return Pipeline.compile(file, false);
  }

  /** Stage: read, parse and check (with includes). */
  @Benchmark
  public CheckedModel stageFrontend() throws Exception {
    return Frontend.analyze(file);
  }

  /** Stage: checked model to IR. */
  @Benchmark
  public IrProgram stageLower() {
    return Lowering.lower(checked);
  }

  /** Stage: tangent, adjoint and Hessian-vector transforms of the IR. */
  @Benchmark
  public IrProgram stageDifferentiate() {
    return AutoDiff.differentiate(forward);
  }

  /** Stage: bytecode emission and class loading of the differentiated program. */
  @Benchmark
  public LoadedModel stageLoad() {
    return LoadedModel.load(differentiated);
  }
}
