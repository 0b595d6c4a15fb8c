package org.phloem.compiler.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;
import org.phloem.compiler.ad.AutoDiff;
import org.phloem.compiler.ad.DerivativeReuse;
import org.phloem.compiler.check.CheckedModel;
import org.phloem.compiler.check.Frontend;
import org.phloem.compiler.codegen.LoadedClasses;
import org.phloem.compiler.codegen.LoadedModel;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.diag.Diagnostic;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.lower.IndexChecks;
import org.phloem.compiler.lower.Lowering;
import org.phloem.compiler.source.SourceFile;
import org.phloem.compiler.source.Span;

/**
 * The whole compiler as one short function, stage by stage, each stage's product kept so that
 * {@code phloem compile --emit} can print any of them. Runs on a large stack (see {@link LargeStack}),
 * and turns the two limits a model can hit only after checking (the JVM's 64 KB per method, the
 * depth of the compiler's recursion) into positioned errors.
 */
public final class Pipeline {
  private Pipeline() {}

  /** Compiles the model file at {@code modelFile}: forward model and, unless told not to, its derivatives. */
  public static Compilation compile(Path modelFile, boolean derivatives) throws CompileException {
    return compileFile(modelFile, derivatives, null, new Phases(), l -> { });
  }

  /**
   * Compiles {@code modelFile} with the given run-time index checks instead of the usual ones
   * ({@link IndexChecks#UNPROVEN}): for measuring what the checks cost, not for running models.
   */
  public static Compilation compile(Path modelFile, boolean derivatives, IndexChecks checks) throws CompileException {
    return LargeStack.run(() -> fromChecked(Frontend.analyze(modelFile), derivatives, checks));
  }

  /** Compiles model text (tests, the random-program generator). */
  public static Compilation compile(String displayName, String text, Path folder, boolean derivatives) throws CompileException {
    return LargeStack.run(() -> {
      try {
        return fromChecked(Frontend.analyze(displayName, text, folder), derivatives);
      } catch (StackOverflowError e) {
        throw tooDeep(new SourceFile(displayName, text, null));
      }
    });
  }

  /**
   * For {@code phloem watch}, its first stage: {@code modelFile}'s forward model alone, all the cost
   * needs. The class is taken from {@code classes} when a class with the same bytes was loaded before;
   * each stage's time is recorded in {@code phases}. {@code lowered} is told the forward program as soon
   * as it exists (before its class is emitted), so that its derivatives can be started
   * ({@link #startDerivatives}).
   */
  static Compilation forward(Path modelFile, LoadedClasses classes, Phases phases, Consumer<Lowered> lowered)
      throws CompileException {
    return compileFile(modelFile, false, classes, phases, lowered);
  }

  /** A checked model and its forward program, lowered. */
  record Lowered(CheckedModel checked, IrProgram forward) {}

  /**
   * The program with derivatives, its loaded class, the wall time they took (nanoseconds), whether
   * the derivatives were the last ones with their lines moved ({@link DerivativeReuse}), and whether
   * they are all of them ({@link AutoDiff#differentiate}) or the gradient alone ({@link AutoDiff#gradientOnly}).
   */
  record Derivatives(IrProgram program, LoadedModel loaded, long nanos, boolean linesMoved, boolean all) {
    /** {@code forward}, the watch's first-stage compilation, with these derivatives. */
    Compilation of(Compilation forward) {
      return new Compilation(forward.checked(), forward.forward(), program, loaded);
    }
  }

  /**
   * A watch round's derivatives: first what the light check needs (the gradient, {@link #gradient}),
   * compiled on a thread of its own as soon as the forward program is lowered, then all of them
   * ({@link #all}: tangent and Hessian-vector code too, for the full check and for the next round's
   * reuse), compiled when asked for: after the light check, so that on two cores they do not take a core
   * from it or from the JIT compiling the new class it runs.
   */
  static final class StagedDerivatives {
    private final LargeStack.Pending<Derivatives> gradient;
    private LargeStack.Task<Derivatives> rest;
    private LargeStack.Pending<Derivatives> all;
    private volatile boolean cancelled;

    private StagedDerivatives(LargeStack.Pending<Derivatives> gradient) {
      this.gradient = gradient;
    }

    /** Whether the gradient's derivatives are done and were the last ones, lines moved (a comment): no wait. */
    boolean linesMovedOnly() {
      if (!gradient.done()) {
        return false;
      }
      try {
        return gradient.join().linesMoved();
      } catch (CompileException | RuntimeException e) {
        return false;
      }
    }

    /** The derivatives a gradient needs: waits for them. */
    Derivatives gradient() throws CompileException {
      return gradient.join();
    }

    /**
     * All the derivatives: starts compiling them (once, on a thread of their own) unless the gradient's
     * were all of them; join the result.
     */
    synchronized LargeStack.Pending<Derivatives> startAll() throws CompileException {
      if (all == null) {
        Derivatives first = gradient.join();
        all = first.all() ? LargeStack.Pending.of(first) : LargeStack.start(rest, "phloem-watch-all-derivatives");
      }
      return all;
    }

    /** No longer wanted (a save came): all the derivatives stop once differentiated, before their class is emitted. */
    void cancel() {
      cancelled = true;
    }
  }

  /**
   * For {@code phloem watch}, its second stage: {@code lowered}'s derivatives and their classes (from
   * {@code classes} when loaded before). First the gradient alone, without its checkpointed variant
   * ({@link AutoDiff#plainGradient}; {@link #checkpointedGradient} when the bound model needs it),
   * started now on a thread of its own, beside the first stage's emitting, binding and cost; then all of
   * them when {@link StagedDerivatives#all} asks; each through {@code reuse} (the last ones, lines moved,
   * when only lines moved). {@code phases} records the gradient's steps, {@code later} the rest.
   */
  static StagedDerivatives startDerivatives(Lowered lowered, LoadedClasses classes, DerivativeReuse reuse, Phases phases,
      Phases later) {
    LargeStack.Pending<Derivatives> gradient = LargeStack.start(() -> gradient(lowered, classes, reuse, phases),
        "phloem-watch-gradient");
    StagedDerivatives staged = new StagedDerivatives(gradient);
    staged.rest = () -> derivatives(lowered, classes, reuse, later, "all derivatives", "emit+load with all derivatives",
        () -> staged.cancelled);
    return staged;
  }

  /** As {@link #startDerivatives}, on this thread: {@code forward} (from {@link #forward}) with its derivatives. */
  static Compilation withDerivatives(Compilation forward, LoadedClasses classes, Phases phases) throws CompileException {
    Lowered lowered = new Lowered(forward.checked(), forward.forward());
    return LargeStack.run(() -> derivatives(lowered, classes, null, phases, "derivatives", "emit+load with derivatives", () -> false))
        .of(forward);
  }

  /**
   * The plain gradient's derivatives ({@link AutoDiff#plainGradient}: the last ones, lines moved, when
   * only lines moved) and their class.
   */
  private static Derivatives gradient(Lowered lowered, LoadedClasses classes, DerivativeReuse reuse, Phases phases)
      throws CompileException {
    return gradient(lowered, classes, reuse::plainGradient, phases, "derivatives", "emit+load with derivatives");
  }

  /**
   * For {@code phloem watch}, when the round's model (bound to its data) would checkpoint its gradient
   * (its plain tape exceeds the budget), which the class of {@link #startDerivatives}' gradient lacks:
   * {@code forward} (from {@link #forward}) with the gradient and its checkpointed variant
   * ({@link AutoDiff#gradientOnly}), on this thread; {@code phases} records the steps.
   */
  static Compilation checkpointedGradient(Compilation forward, LoadedClasses classes, DerivativeReuse reuse, Phases phases)
      throws CompileException {
    Lowered lowered = new Lowered(forward.checked(), forward.forward());
    return LargeStack.run(() -> gradient(lowered, classes, reuse::gradientOnly, phases, "derivatives, checkpointed",
        "emit+load, checkpointed")).of(forward);
  }

  /** The gradient's derivatives as {@code differentiating} gives them, and their class, timed under the names given. */
  private static Derivatives gradient(Lowered lowered, LoadedClasses classes, Function<IrProgram, DerivativeReuse.Result> differentiating,
      Phases phases, String differentiatingPhase, String emittingPhase) throws CompileException {
    long start = System.nanoTime();
    try {
      DerivativeReuse.Result d = phases.timeCompile(differentiatingPhase, () -> differentiating.apply(lowered.forward()));
      LoadedModel loaded = load(lowered.checked(), d.program(), classes, phases, emittingPhase);
      return new Derivatives(d.program(), loaded, System.nanoTime() - start, d.reused(), false);
    } catch (StackOverflowError e) {
      throw tooDeep(lowered.checked().mainFile());
    }
  }

  /**
   * All the derivatives ({@code reuse} null: differentiated here) and their class, timed under the names
   * given; null when {@code cancelled} says so once they are differentiated (no class emitted).
   */
  private static Derivatives derivatives(Lowered lowered, LoadedClasses classes, DerivativeReuse reuse, Phases phases,
      String differentiating, String emitting, BooleanSupplier cancelled) throws CompileException {
    long start = System.nanoTime();
    try {
      DerivativeReuse.Result d = phases.timeCompile(differentiating, () -> reuse == null
          ? new DerivativeReuse.Result(AutoDiff.differentiate(lowered.forward()), false) : reuse.differentiate(lowered.forward()));
      if (cancelled.getAsBoolean()) {
        return null;
      }
      LoadedModel loaded = load(lowered.checked(), d.program(), classes, phases, emitting);
      return new Derivatives(d.program(), loaded, System.nanoTime() - start, d.reused(), true);
    } catch (StackOverflowError e) {
      throw tooDeep(lowered.checked().mainFile());
    }
  }

  private static Compilation compileFile(Path modelFile, boolean derivatives, LoadedClasses classes, Phases phases,
      Consumer<Lowered> lowered) throws CompileException {
    Activity.now("compiling " + modelFile);
    return LargeStack.run(() -> {
      try {
        CheckedModel checked = phases.timeCompile("parse+check", () -> Frontend.analyze(modelFile));
        return fromChecked(checked, derivatives, IndexChecks.UNPROVEN, classes, phases, lowered);
      } catch (StackOverflowError e) {
        throw tooDeep(new SourceFile(modelFile.toString().replace('\\', '/'), readQuietly(modelFile), null));
      }
    });
  }

  private static Compilation fromChecked(CheckedModel checked, boolean derivatives) throws CompileException {
    return fromChecked(checked, derivatives, IndexChecks.UNPROVEN);
  }

  private static Compilation fromChecked(CheckedModel checked, boolean derivatives, IndexChecks checks) throws CompileException {
    return fromChecked(checked, derivatives, checks, null, new Phases(), l -> { });
  }

  /** The stages after checking; {@code classes} null defines a new class. */
  private static Compilation fromChecked(CheckedModel checked, boolean derivatives, IndexChecks checks, LoadedClasses classes,
      Phases phases, Consumer<Lowered> lowered) throws CompileException {
    IrProgram forward = phases.timeCompile("lower", () -> Lowering.lower(checked, checks));
    lowered.accept(new Lowered(checked, forward));
    IrProgram program = derivatives ? phases.timeCompile("derivatives", () -> AutoDiff.differentiate(forward)) : forward;
    return new Compilation(checked, forward, program, load(checked, program, classes, phases, "emit+load"));
  }

  /** Emits and loads {@code program}'s class ({@code classes} null: a new class), the JVM's size limits as positioned errors. */
  private static LoadedModel load(CheckedModel checked, IrProgram program, LoadedClasses classes, Phases phases, String phase)
      throws CompileException {
    try {
      return phases.timeCompile(phase, () -> classes == null ? LoadedModel.load(program) : LoadedModel.load(program, classes));
    } catch (MethodTooLargeException e) {
      throw tooLarge(checked, "its generated method '" + e.getMethodName() + "' would exceed the 64 KB of bytecode"
          + " the JVM allows in one method");
    } catch (ClassTooLargeException e) {
      throw tooLarge(checked, "its generated class would hold more constants than the JVM allows in one class");
    }
  }

  private static CompileException tooLarge(CheckedModel checked, String why) {
    String message = "This model is too large to compile: " + why + ". Write repeated equations as loops over"
        + " dims (one loop body is compiled once, whatever the dim's size) and long expressions as fns.";
    return new CompileException(List.of(new Diagnostic(ErrorKind.TOO_COMPLEX, checked.modelDecl().span(), message, null)), false);
  }

  /** The backstop for unbracketed chains (brackets have their own limit, reported where they nest). */
  private static CompileException tooDeep(SourceFile file) {
    String message = "This model nests too deeply for the compiler to follow: a chain of thousands of"
        + " 'else if's, operators or signs. Split it with 'let' or fns.";
    return new CompileException(List.of(new Diagnostic(ErrorKind.TOO_COMPLEX, Span.of(file, 1, 1, 1), message, null)), false);
  }

  private static String readQuietly(Path file) {
    try {
      return Files.size(file) > org.phloem.runtime.data.TextFile.MAX_MODEL_BYTES ? "" : Files.readString(file);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
