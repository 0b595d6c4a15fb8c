package org.phloem.compiler.driver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.phloem.compiler.ad.AutoDiff;
import org.phloem.compiler.codegen.ClassEmitter;
import org.phloem.compiler.codegen.LiteralsAsData;
import org.phloem.compiler.codegen.LoadedClasses;
import org.phloem.compiler.codegen.LoadedModel;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.check.CheckOptions;
import org.phloem.runtime.check.DirectionalCheck;
import org.phloem.runtime.data.BoundData;

/**
 * Keeps the compiler warm while {@code phloem watch} waits for the first save: a background thread
 * compiles the model again and again and runs its cost and light check, so that the JIT compiles the
 * compiler's own code, and the model's class (shared through the session's {@link LoadedClasses}),
 * before the user's first edit rather than during the rounds after it. Nothing is printed or kept.
 * It stops at the first save (between two steps: compiling, differentiating, emitting, running; the
 * step under way then finishes beside the round), after
 * {@link #MAX_COMPILES} compilations, or once it has used {@link #MAX_CPU_NANOS} of CPU.
 */
final class CompilerWarmUp {
  /** At most this many compilations. */
  static final int MAX_COMPILES = 30;
  /** At most this much CPU time (thread CPU of the warm-up thread). */
  static final long MAX_CPU_NANOS = 15_000_000_000L;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final AtomicBoolean stop = new AtomicBoolean();

  private CompilerWarmUp() {}

  /**
   * Starts warming up on {@code model}, its classes taken from {@code classes} and run on {@code data},
   * the binding of the round that just passed (never read again here).
   */
  static CompilerWarmUp start(Path model, BoundData data, LoadedClasses classes) {
    CompilerWarmUp w = new CompilerWarmUp();
    Thread t = new Thread(() -> w.run(model, data, classes), "phloem-watch-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return w;
  }

  /** Asks the warm-up to end; it does after the step under way. */
  void stop() {
    stop.set(true);
  }

  private void run(Path model, BoundData data, LoadedClasses classes) {
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    try {
      for (int k = 0; k < MAX_COMPILES && !stop.get() && THREADS.getCurrentThreadCpuTime() - cpu0 < MAX_CPU_NANOS; k++) {
        // a save stops the warm-up between any two steps (the step under way then runs beside the round)
        Compilation front = step(() -> Pipeline.forward(model, classes, new Phases(), l -> { }));
        Compilation c = step(() -> Pipeline.withDerivatives(front, classes, new Phases()));
        // the classes are found by their code's shape after the first time (LoadedClasses): emit them
        // anyway, so that the emitter's code is compiled by the JIT too, as the round after an edited
        // expression needs
        step(() -> ClassEmitter.emit(LiteralsAsData.of(c.program())));
        IrProgram gradient = step(() -> AutoDiff.gradientOnly(front.forward()));
        step(() -> ClassEmitter.emit(LiteralsAsData.of(gradient)));
        // the rounds' light checks run the class with the gradient alone: that is the one to warm up
        CompiledModel m = LoadedModel.load(gradient, classes).bind(data);
        double[] p = m.info().priorMeans();
        step(() -> m.cost(p));
        step(() -> DirectionalCheck.run(m, p, CheckOptions.defaults()));
      }
    } catch (Stopped e) {
      // a save came
    } catch (Exception | StackOverflowError e) {
      // the rounds report every problem (a file saved meanwhile may not compile); a warm-up only stops
    }
  }

  /** Runs one step, then ends the warm-up ({@link Stopped}) if a save asked it to stop meanwhile. */
  private <T> T step(Phases.Step<T> step) throws Exception {
    T result = step.run();
    if (stop.get()) {
      throw new Stopped();
    }
    return result;
  }

  /** The warm-up was asked to stop. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }
}
