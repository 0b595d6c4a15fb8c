package org.phloem.compiler.driver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * Keeps the compiler warm while {@code phloem watch} waits for a save: a background thread compiles
 * the model again and again and runs its cost and light check, so that the JIT compiles the compiler's
 * own code, and the model's class (shared through the session's {@link LoadedClasses}), while the user
 * reads a result rather than during the rounds after the next edit. Nothing is printed or kept. It
 * starts after the first round at once, after later rounds once their result has stood for
 * {@link #LATER_DELAY_MILLIS} without a save (a user editing back to back is not slowed by it); it stops
 * at the next save (between two steps: compiling, differentiating, emitting, running; the step under
 * way then finishes beside the round), and for good once the session's {@link Budget} is used:
 * {@link #MAX_COMPILES} compilations or {@link #MAX_CPU_NANOS} of CPU in all.
 */
final class CompilerWarmUp {
  /** At most this many compilations. */
  static final int MAX_COMPILES = 30;
  /** At most this much CPU time (thread CPU of the warm-up thread). */
  static final long MAX_CPU_NANOS = 15_000_000_000L;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** How long a later round's result stands without a save before the warm-up goes on. */
  static final long LATER_DELAY_MILLIS = 1000;

  private final AtomicBoolean stop = new AtomicBoolean();
  private final Budget budget;

  private CompilerWarmUp(Budget budget) {
    this.budget = budget;
  }

  /** What a session's warm-ups may still spend, all of them together. */
  static final class Budget {
    private final AtomicInteger compiles = new AtomicInteger(MAX_COMPILES);
    private final AtomicLong cpuNanos = new AtomicLong(MAX_CPU_NANOS);

    /** Whether anything is left. */
    boolean left() {
      return compiles.get() > 0 && cpuNanos.get() > 0;
    }
  }

  /**
   * Starts warming up on {@code model}, its classes taken from {@code classes} and run on {@code data},
   * the binding of the round that just passed (never read again here), after {@code delayMillis}
   * unless stopped before, within {@code budget}.
   */
  static CompilerWarmUp start(Path model, BoundData data, LoadedClasses classes, Budget budget, long delayMillis) {
    CompilerWarmUp w = new CompilerWarmUp(budget);
    Thread t = new Thread(() -> {
      if (w.waited(delayMillis)) {
        w.run(model, data, classes);
      }
    }, "phloem-watch-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return w;
  }

  /** Asks the warm-up to end; it does after the step under way. */
  void stop() {
    stop.set(true);
  }

  /** Waits {@code millis} unless stopped meanwhile; true when not stopped. */
  private boolean waited(long millis) {
    long end = System.nanoTime() + millis * 1_000_000L;
    try {
      while (!stop.get() && System.nanoTime() < end) {
        Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000L)));
      }
    } catch (InterruptedException e) {
      return false;
    }
    return !stop.get();
  }

  private void run(Path model, BoundData data, LoadedClasses classes) {
    try {
      while (!stop.get() && budget.left()) {
        budget.compiles.decrementAndGet();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        try {
          once(model, data, classes);
        } finally {
          budget.cpuNanos.addAndGet(-(THREADS.getCurrentThreadCpuTime() - cpu0));
        }
      }
    } catch (Stopped e) {
      // a save came
    } catch (Exception | StackOverflowError e) {
      // the rounds report every problem (a file saved meanwhile may not compile); a warm-up only stops
    }
  }

  /** One compilation and check of the model, step by step. */
  private void once(Path model, BoundData data, LoadedClasses classes) throws Exception {
    // a save stops the warm-up between any two steps (the step under way then runs beside the round)
    Compilation front = step(() -> Pipeline.forward(model, classes, new Phases(), l -> { }));
    Compilation c = step(() -> Pipeline.withDerivatives(front, classes, new Phases()));
    // the classes are found by their code's shape after the first time (LoadedClasses): emit them
    // anyway, so that the emitter's code is compiled by the JIT too, as the round after an edited
    // expression needs
    step(() -> ClassEmitter.emit(LiteralsAsData.of(c.program())));
    IrProgram gradient = step(() -> AutoDiff.plainGradient(front.forward()));
    step(() -> ClassEmitter.emit(LiteralsAsData.of(gradient)));
    // the rounds' light checks run the class with the plain gradient alone (unless the model checkpoints):
    // that is the one to warm up
    CompiledModel m = LoadedModel.load(gradient, classes).bind(data);
    double[] p = m.info().priorMeans();
    step(() -> m.cost(p));
    step(() -> DirectionalCheck.run(m, p, CheckOptions.defaults()));
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
