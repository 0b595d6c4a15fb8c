package org.phloem.compiler.driver;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.phloem.compiler.ad.AutoDiff;
import org.phloem.compiler.ad.DerivativeReuse;
import org.phloem.compiler.ast.Item;
import org.phloem.compiler.codegen.LoadedClasses;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.diag.Diagnostic;
import org.phloem.compiler.diagnose.NumericalFaults;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.LineNumbers;
import org.phloem.compiler.source.SourceFile;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.check.CheckOptions;
import org.phloem.runtime.check.DirectionalCheck;
import org.phloem.runtime.data.BindingCache;
import org.phloem.runtime.data.BoundData;

/**
 * The rounds of one {@code phloem watch}, and what they share: the last compilation (a save that
 * changed no file's text is not compiled again), the generated classes already loaded (a round whose
 * bytecode did not change runs the class the JIT has compiled), the last data binding
 * (bound again only when the data declarations or files changed) and the last model that compiled (for
 * a full check on request). A round prints its results as they come:
 * <ol>
 *   <li>the compile errors, or {@code compiled in N ms}: the forward model alone, all the cost needs;</li>
 *   <li>data problems, or the cost at the prior means (a NaN or infinite cost is explained: the line and
 *       element of the first non-finite value) &mdash; the round's first <em>result</em>;</li>
 *   <li>{@code derivatives compiled in N ms}, then the light check ({@link DirectionalCheck}): gᵀv on one
 *       random direction against central differences; when it fails, the full check follows at once to
 *       name the parameter;</li>
 *   <li>with {@code --full}, the full check of {@code phloem check} every round.</li>
 * </ol>
 */
final class WatchSession {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  /** How many classes a session keeps loaded: enough to undo a few edits back and forth. */
  private static final int CLASSES_KEPT = 8;

  private final Path model;
  private final DataOptions data;
  private final boolean fullEveryRound;
  private final boolean phaseTimes;
  private final LoadedClasses classes = new LoadedClasses(CLASSES_KEPT);
  private final BindingCache binding = new BindingCache();
  /** The last derivatives, reused when an edit moved lines only. */
  private final DerivativeReuse derivativeReuse = new DerivativeReuse();
  /** The last compilation that succeeded, and the text of every file it read: a save that changed nothing is not compiled again. */
  private Compilation lastCompilation;
  /**
   * Its forward model alone (the class the cost ran on: an unchanged save's cost runs there again, on code
   * the JIT has compiled).
   */
  private Compilation lastForward;
  /** The last compilation that succeeded with all its derivatives ({@link #lastCompilation} may hold the gradient's alone). */
  private Compilation lastWithAll;
  private Map<Path, String> lastSources;
  /**
   * What the compiler's warm-ups may still spend in this session (null: no warm-up), whether one has
   * started (the first starts at once after its round, later ones once a result has stood a moment),
   * and the warm-up under way, or null.
   */
  private final CompilerWarmUp.Budget warmUpBudget;
  private boolean warmedUp;
  private CompilerWarmUp warmUp;
  /** The last round that compiled and bound, or null. */
  private LastRound last;

  /**
   * A round that compiled and bound: the model its light check ran, and the compilation with all the
   * derivatives, bound when a full check asks for it (the same model when it has them all).
   */
  private record LastRound(CompiledModel model, Compilation all, boolean modelHasAll) {}

  /**
   * The last light check that ran: the program it checked (statements numbered: {@link LineNumbers}),
   * the data and its result. A round whose program is the same code but for lines (a save without
   * change, a comment) on the same data would compute the same bits: it prints this result again.
   */
  private record LastLight(IrProgram program, LineNumbers code, BoundData data, DirectionalCheck.Result result) {}

  private LastLight lastLight;
  /** The last round's end, under way (all its derivatives compiling), or null. */
  private RoundEnd ending;
  /**
   * A round's end left when a save came before all its derivatives were compiled: they go on, for a save
   * of the same text ({@link #lastCompilation} is that round's; {@link #lastWithAll} is null meanwhile).
   */
  private RoundEnd unfinished;

  WatchSession(Path model, DataOptions data, boolean fullEveryRound, boolean phaseTimes, boolean warmUp) {
    this.warmUpBudget = warmUp ? new CompilerWarmUp.Budget() : null;
    this.model = model;
    this.data = data;
    this.fullEveryRound = fullEveryRound;
    this.phaseTimes = phaseTimes;
  }

  /**
   * One round: compile, bind, cost, light check (and the full check when asked for every round), each
   * printed when done. Returns the files to watch: those the model was read from (the main file at
   * least); after a compile error, also the files watched before and every file an error points into,
   * so that fixing an included file is noticed.
   */
  Set<Path> round(Set<Path> watched) {
    Set<Path> files = round(watched, Settling.NONE);
    endRound(() -> false);
    return files;
  }

  /**
   * As {@link #round(Set)} for a round a save started: it compiles at once, but reports only once
   * {@code settling} says the files stayed as they were when the save was seen (and hold the text
   * compiled). When one changed meanwhile (a save still being written) the round prints nothing and
   * returns null: run it again once the files are quiet. The round's end may be left under way after
   * its light check: {@link #endRound}.
   */
  Set<Path> round(Set<Path> watched, Settling settling) {
    endRound(() -> true); // a round left under way is of a program that is gone
    stopWarmUp();
    Set<Path> files = new LinkedHashSet<>();
    files.add(model);
    Phases phases = new Phases();
    last = null;
    Pipeline.StagedDerivatives[] derivatives = new Pipeline.StagedDerivatives[1];
    try {
      long start = System.nanoTime();
      boolean sameSource = lastCompilation != null && phases.time("compare sources", () -> unchanged(lastSources));
      if (!sameSource && unfinished != null) {
        unfinished.derivatives().cancel(); // of a program that is gone
        unfinished = null;
      }
      // the forward model first: all the cost needs; the derivatives are compiled on a thread of their
      // own, started once the forward program is lowered, and printed after the cost
      Phases later = new Phases();
      Compilation front = sameSource ? lastForward : Pipeline.forward(model, classes, phases,
          lowered -> derivatives[0] = Pipeline.startDerivatives(lowered, classes, derivativeReuse, phases, later));
      double millis = (System.nanoTime() - start) / 1e6;
      // the data bound and the cost computed while the save settles; printed once it has
      Costed costed = costAtPriorMeans(front, phases);
      if (!phases.time("settle", () -> settled(settling, sameSource ? null : sources(front)))) {
        abandon(derivatives[0]);
        return null;
      }
      for (Item item : front.checked().items()) {
        Path location = item.span().file().location();
        if (location != null) {
          files.add(location);
        }
      }
      say(sameSource ? model + ": no file's text changed; the last compilation is used"
          : String.format(Locale.ROOT, "%s compiled in %.0f ms%s", model, millis, reuse(front)));
      if (costed.failure() != null) {
        throw costed.failure();
      }
      CompiledModel forward = costed.model();
      double[] p = costed.p();
      double cost = costed.cost();
      String reused = binding.reused() ? " (data unchanged: not read again)" : "";
      if (!Double.isFinite(cost)) {
        say("cost J = " + cost + " at the prior means" + reused);
        Optional<String> why = phases.time("diagnose", () -> NumericalFaults.diagnose(front, forward, p));
        System.out.println(why.orElse("The observation cost is " + cost + "."));
        say(model + ": not checked (the cost is not a finite number)");
        return files;
      }
      say(String.format(Locale.ROOT, "cost J = %.15e at the prior means%s", cost, reused));
      Compilation c = sameSource ? lastCompilation : front;
      boolean linesMoved = false;
      Supplier<DirectionalCheck.Central> central = () -> null;
      if (!sameSource && !derivatives[0].linesMovedOnly()) {
        // the light check's two costs, on the forward class beside the derivatives (the same cost code:
        // DirectionalCheck uses them only if this class's cost at p is the gradient's, bit for bit)
        central = beside(forward, p, phases);
      }
      if (!sameSource) {
        Pipeline.Derivatives d = phases.time("wait for the derivatives", () -> derivatives[0].gradient());
        c = d.of(front);
        linesMoved = d.linesMoved();
        say(String.format(Locale.ROOT, "derivatives compiled in %.0f ms%s%s", d.nanos() / 1e6,
            d.linesMoved() ? " (code unchanged but for its lines: the last derivatives, lines moved)"
                : d.all() ? "" : " (the gradient; the tangent and Hessian-vector code follow)", reuse(c)));
      }
      // (the forward class and the gradient's share one binding: the same data)
      Bound bound = bindGradient(c, front, phases);
      Compilation withGradient = bound.compilation();
      CompiledModel m = bound.model();
      DirectionalCheck.Result light = sameLight(withGradient.program(), forward, sameSource, linesMoved);
      if (light != null) {
        say("light check " + light.describe() + " (the same code and data as the last light check: its result)");
      }
      if (light == null) {
        Supplier<DirectionalCheck.Central> costs = central;
        light = phases.time("light check", () -> DirectionalCheck.run(m, p, CheckOptions.defaults(), costs, cost));
        say("light check " + light.describe());
        lastLight = m instanceof GeneratedModel g ? new LastLight(withGradient.program(), null, g.data(), light) : null;
      }
      // the rest of the derivatives, compiled now that the light check is printed (on a thread of their
      // own; the round ends once they are, unless a save comes first): a compile error only they meet is
      // this save's too, and the full check (now or on request) runs the tangent and Hessian-vector code
      RoundEnd end = sameSource && unfinished == null ? new RoundEnd(derivatives[0], null, front, withGradient, m, light, phases, later)
          : sameSource ? new RoundEnd(unfinished.derivatives(), unfinished.all(), unfinished.front(), withGradient, m, light, phases, later)
          : new RoundEnd(derivatives[0], derivatives[0].startAll(), front, withGradient, m, light, phases, later);
      unfinished = null;
      if (end.all() == null || light.flagged() || fullEveryRound) {
        finish(end);
      } else {
        ending = end;
      }
    } catch (Exception e) {
      abandon(derivatives[0]);
      if (!settled(settling, null)) {
        return null;
      }
      if (e instanceof CompileException) {
        files.addAll(watched);
        for (Diagnostic d : ((CompileException) e).diagnostics()) {
          Path location = d.span().file().location();
          if (location != null) {
            files.add(location);
          }
        }
      }
      notChecked(e);
    }
    System.out.flush();
    return files;
  }

  /** Says the round is not checked, and why. */
  private void notChecked(Exception e) {
    say(model + ": not checked");
    System.out.flush();
    PrintWriter err = new PrintWriter(System.err, true);
    UserErrors.report(e, err);
    err.flush();
  }

  /**
   * What a round does after its light check, once all its derivatives are compiled: {@code all}, under
   * way (null when the source did not change: the last ones are used), derivatives of {@code front}.
   */
  private record RoundEnd(Pipeline.StagedDerivatives derivatives, LargeStack.Pending<Pipeline.Derivatives> all, Compilation front,
      Compilation withGradient, CompiledModel model, DirectionalCheck.Result light, Phases phases, Phases later) {
    boolean ready() {
      return all == null || all.done();
    }
  }

  /**
   * Ends the last round ({@link #round(Set, Settling)} may leave its end under way: all its derivatives
   * still compiling): waits for them, then keeps the round's compilation, starts the compiler's warm-up
   * after the first round and prints the phases. When {@code saved} says a save came first, the round
   * ends at once without them: they go on for a save of the same text (it uses the compilation and takes
   * them), and stop before their class is emitted at any other (they are of a program that is gone).
   */
  void endRound(BooleanSupplier saved) {
    RoundEnd e = ending;
    if (e == null) {
      return;
    }
    while (!e.ready()) {
      if (saved.getAsBoolean()) {
        ending = null;
        unfinished = e;
        lastForward = e.front();
        lastCompilation = e.withGradient();
        lastSources = sources(e.withGradient());
        lastWithAll = null;
        if (phaseTimes) {
          say("phases (thread CPU/wall, ms): " + e.phases().format());
        }
        System.out.flush();
        return;
      }
      e.all().await(END_POLL_MILLIS);
    }
    finish(e);
  }

  /** How often {@link #endRound} looks for a save while all the derivatives compile. */
  private static final long END_POLL_MILLIS = 5;

  private void finish(RoundEnd e) {
    ending = null;
    try {
      Compilation all = e.all() == null ? lastWithAll : e.phases().time("compile all derivatives", () -> e.all().join().of(e.front()));
      e.phases().addAll(e.later());
      if (e.all() != null) {
        lastForward = e.front();
        lastCompilation = e.withGradient();
        lastWithAll = all;
        lastSources = sources(e.withGradient());
      }
      last = new LastRound(e.model(), all, e.all() == null ? lastCompilation == lastWithAll : e.derivatives().gradient().all());
      if (e.all() != null && last.modelHasAll()) {
        lastWithAll = lastCompilation; // one compilation: an unchanged save's model has them all
      }
      if (e.light().flagged() || fullEveryRound) {
        CompiledModel full = e.phases().time("bind with all derivatives", this::withAllDerivatives);
        e.phases().time("full check", () -> fullCheck(full));
      }
      if (warmUpBudget != null && warmUpBudget.left() && e.model() instanceof GeneratedModel g) {
        warmUp = CompilerWarmUp.start(model, g.data(), classes, warmUpBudget, warmedUp ? CompilerWarmUp.LATER_DELAY_MILLIS : 0);
        warmedUp = true;
      }
      if (phaseTimes) {
        say("phases (thread CPU/wall, ms): " + e.phases().format());
      }
    } catch (Exception ex) {
      // a compile error only all the derivatives meet (a method too large) points at the model file,
      // watched already
      last = null;
      notChecked(ex);
    }
    System.out.flush();
  }

  /**
   * The last light check's result when {@code program} on {@code m}'s data computes what it computed:
   * the same data, and the same program (a save without change) or one that differs from it in lines
   * only (a comment: {@code linesMoved}, the derivatives reused); null otherwise.
   */
  private DirectionalCheck.Result sameLight(IrProgram program, CompiledModel m, boolean sameSource, boolean linesMoved) {
    LastLight l = lastLight;
    if (l == null || !(m instanceof GeneratedModel g) || g.data() != l.data() || !(sameSource || linesMoved)) {
      return null;
    }
    if (l.program() == program) {
      return l.result();
    }
    LineNumbers code = LineNumbers.of(program);
    LineNumbers before = l.code() != null ? l.code() : LineNumbers.of(l.program());
    if (!code.sameCode(before)) {
      return null;
    }
    lastLight = new LastLight(program, code, l.data(), l.result());
    return l.result();
  }

  /** A round's compilation with its gradient, and its model bound to the data. */
  private record Bound(Compilation compilation, CompiledModel model) {}

  /**
   * {@code c}, the round's compilation with its gradient, bound to the data; when its plain gradient's
   * tape exceeds the budget (the model would run the checkpointed gradient, which the round's class of
   * {@link org.phloem.compiler.ad.AutoDiff#plainGradient} lacks), {@code front} with the gradient and its
   * checkpointed variant instead, bound: the light check always runs the gradient the model runs.
   */
  private Bound bindGradient(Compilation c, Compilation front, Phases phases) throws Exception {
    CompiledModel m = phases.time("bind with derivatives", () -> c.bind(data.root(model), binding));
    if (!(m instanceof GeneratedModel g) || c.program().functions().containsKey(AutoDiff.GRADIENT_CHECKPOINTED)
        || !c.program().functions().containsKey(AutoDiff.PLAIN_TAPE_BYTES) || !checkpoints(g)) {
      return new Bound(c, m);
    }
    Compilation checkpointed = phases.time("checkpointed gradient",
        () -> Pipeline.checkpointedGradient(front, classes, derivativeReuse, phases));
    return new Bound(checkpointed, phases.time("bind with derivatives", () -> checkpointed.bind(data.root(model), binding)));
  }

  /**
   * Whether {@code g} runs the checkpointed gradient; false when counting its tape fails (its gradient then
   * meets the same failure in the light check, which reports it as a model fault, as it did before).
   */
  private static boolean checkpoints(GeneratedModel g) {
    try {
      return g.checkpointing();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The forward model bound to the data and its cost at the prior means {@code p}, or why there is none. */
  private record Costed(CompiledModel model, double[] p, double cost, Exception failure) {}

  private Costed costAtPriorMeans(Compilation front, Phases phases) {
    try {
      CompiledModel forward = phases.time("bind", () -> front.bind(data.root(model), binding));
      Fittable.require(forward.info(), "check");
      double[] p = forward.info().priorMeans();
      return new Costed(forward, p, phases.time("cost", () -> forward.cost(p)), null);
    } catch (Exception e) {
      return new Costed(null, null, Double.NaN, e);
    }
  }

  /**
   * The light check's central difference at {@code p} on {@code forward}, computed on a thread of its own
   * from now on; null from the supplier when it failed (the check then computes it itself, and meets the
   * failure there).
   */
  private static Supplier<DirectionalCheck.Central> beside(CompiledModel forward, double[] p, Phases phases) {
    FutureTask<DirectionalCheck.Central> task = new FutureTask<>(
        () -> phases.time("light check costs", () -> DirectionalCheck.central(forward, p, CheckOptions.defaults())));
    Thread t = new Thread(task, "phloem-watch-light-costs");
    t.setDaemon(true);
    t.start();
    return () -> {
      try {
        return task.get();
      } catch (ExecutionException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    };
  }

  /**
   * Whether a round may report: no save started it, or the files stayed as they were when the save was
   * seen for the quiet time and hold the text compiled ({@code compiledFrom}, when given).
   */
  private static boolean settled(Settling settling, Map<Path, String> compiledFrom) {
    return settling == Settling.NONE || settling.quiet() && (compiledFrom == null || unchanged(compiledFrom));
  }

  /** Waits for a round's derivatives that will not be used (the next round's share what they update). */
  private static void abandon(Pipeline.StagedDerivatives derivatives) {
    if (derivatives != null) {
      try {
        derivatives.gradient();
      } catch (CompileException | RuntimeException e) {
        // the round that reports will meet it again
      }
    }
  }

  /** Ends the compiler's warm-up, if one runs (at a save, and when watching ends). */
  void stopWarmUp() {
    if (warmUp != null) {
      warmUp.stop();
      warmUp = null;
    }
  }

  /** What a compile line adds when the class was one already loaded. */
  private static String reuse(Compilation c) {
    return c.loaded().reused() ? " (same bytecode as before: the loaded class runs again)" : "";
  }

  /** The text of every file {@code c} was compiled from, by location. */
  private static Map<Path, String> sources(Compilation c) {
    Map<Path, String> out = new LinkedHashMap<>();
    SourceFile main = c.checked().mainFile();
    if (main.location() != null) {
      out.put(main.location(), main.text());
    }
    for (Item item : c.checked().items()) {
      SourceFile f = item.span().file();
      if (f.location() != null) {
        out.put(f.location(), f.text());
      }
    }
    return out;
  }

  /**
   * Whether every file still holds the text it was compiled from. Read again, not judged by time and
   * size: a save is what started the round, so those have changed.
   */
  private static boolean unchanged(Map<Path, String> sources) {
    for (Map.Entry<Path, String> e : sources.entrySet()) {
      try {
        if (!Files.readString(e.getKey()).equals(e.getValue())) {
          return false;
        }
      } catch (IOException | RuntimeException ex) {
        return false;
      }
    }
    return !sources.isEmpty();
  }

  /** The full check of the last model that compiled (asked for with Enter); says so when there is none. */
  void fullCheckOnRequest() {
    endRound(() -> false);
    if (last == null) {
      say("no full check: the last save did not compile and bind (see above)");
    } else {
      try {
        fullCheck(withAllDerivatives());
      } catch (Exception e) {
        PrintWriter err = new PrintWriter(System.err, true);
        UserErrors.report(e, err);
        err.flush();
      }
    }
    System.out.flush();
  }

  /** The last round's model with all its derivatives: its own, or the class with them all bound to the same data. */
  private CompiledModel withAllDerivatives() throws Exception {
    if (last.modelHasAll()) {
      return last.model();
    }
    LastRound r = last;
    CompiledModel full = r.all().bind(data.root(model), binding);
    last = new LastRound(full, r.all(), true);
    return full;
  }

  /** What {@code phloem check} prints, at the prior means, then its verdict on a line of its own. */
  private boolean fullCheck(CompiledModel m) throws UserErrors.UserException {
    say("full check (every parameter, then " + CheckOptions.defaults().directions() + " random directions):");
    boolean passed = CheckCommand.run(m, "prior", 0, 1);
    say("full check " + (passed ? "passed" : "FAILED"));
    return passed;
  }

  private static void say(String line) {
    System.out.printf("[%s] %s%n", LocalTime.now().format(CLOCK), line);
  }
}
