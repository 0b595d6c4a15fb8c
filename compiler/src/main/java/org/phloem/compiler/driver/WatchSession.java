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
  /** The last compilation that succeeded with all its derivatives ({@link #lastCompilation} may hold the gradient's alone). */
  private Compilation lastWithAll;
  private Map<Path, String> lastSources;
  /** Whether to warm the compiler up after the first round that passes; the warm-up under way, or null. */
  private boolean warmUpDue;
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

  WatchSession(Path model, DataOptions data, boolean fullEveryRound, boolean phaseTimes, boolean warmUp) {
    this.warmUpDue = warmUp;
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
    return round(watched, Settling.NONE);
  }

  /**
   * As {@link #round(Set)} for a round a save started: it compiles at once, but reports only once
   * {@code settling} says the files stayed as they were when the save was seen (and hold the text
   * compiled). When one changed meanwhile (a save still being written) the round prints nothing and
   * returns null: run it again once the files are quiet.
   */
  Set<Path> round(Set<Path> watched, Settling settling) {
    stopWarmUp();
    Set<Path> files = new LinkedHashSet<>();
    files.add(model);
    Phases phases = new Phases();
    last = null;
    Pipeline.StagedDerivatives[] derivatives = new Pipeline.StagedDerivatives[1];
    try {
      long start = System.nanoTime();
      boolean sameSource = lastCompilation != null && phases.time("compare sources", () -> unchanged(lastSources));
      // the forward model first: all the cost needs; the derivatives are compiled on a thread of their
      // own, started once the forward program is lowered, and printed after the cost
      Phases later = new Phases();
      Compilation front = sameSource ? lastCompilation : Pipeline.forward(model, classes, phases,
          lowered -> derivatives[0] = Pipeline.startDerivatives(lowered, classes, derivativeReuse, phases, later));
      double millis = (System.nanoTime() - start) / 1e6;
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
      CompiledModel forward = phases.time("bind", () -> front.bind(data.root(model), binding));
      Fittable.require(forward.info(), "check");
      double[] p = forward.info().priorMeans();
      double cost = phases.time("cost", () -> forward.cost(p));
      String reused = binding.reused() ? " (data unchanged: not read again)" : "";
      if (!Double.isFinite(cost)) {
        say("cost J = " + cost + " at the prior means" + reused);
        Optional<String> why = phases.time("diagnose", () -> NumericalFaults.diagnose(front, forward, p));
        System.out.println(why.orElse("The observation cost is " + cost + "."));
        say(model + ": not checked (the cost is not a finite number)");
        return files;
      }
      say(String.format(Locale.ROOT, "cost J = %.15e at the prior means%s", cost, reused));
      Compilation c = front;
      boolean linesMoved = false;
      if (!sameSource) {
        Pipeline.Derivatives d = phases.time("wait for the derivatives", () -> derivatives[0].gradient());
        c = d.of(front);
        linesMoved = d.linesMoved();
        say(String.format(Locale.ROOT, "derivatives compiled in %.0f ms%s%s", d.nanos() / 1e6,
            d.linesMoved() ? " (code unchanged but for its lines: the last derivatives, lines moved)"
                : d.all() ? "" : " (the gradient; the tangent and Hessian-vector code follow)", reuse(c)));
      }
      Compilation withGradient = c;
      CompiledModel m = sameSource ? forward : phases.time("bind with derivatives", () -> withGradient.bind(data.root(model), binding));
      DirectionalCheck.Result light = sameLight(withGradient.program(), m, sameSource, linesMoved);
      if (light != null) {
        say("light check " + light.describe() + " (the same code and data as the last light check: its result)");
      } else {
        light = phases.time("light check", () -> DirectionalCheck.run(m, p, CheckOptions.defaults()));
        say("light check " + light.describe());
        lastLight = m instanceof GeneratedModel g ? new LastLight(withGradient.program(), null, g.data(), light) : null;
      }
      // the rest of the derivatives, compiled now that the light check is printed: a compile error only
      // they meet is this save's too, and the full check (now or on request) runs the tangent and
      // Hessian-vector code
      Compilation all = sameSource ? lastWithAll : phases.time("compile all derivatives", () -> derivatives[0].all().of(front));
      phases.addAll(later);
      if (!sameSource) {
        lastCompilation = c;
        lastWithAll = all;
        lastSources = sources(c);
      }
      last = new LastRound(m, all, sameSource ? lastCompilation == lastWithAll : derivatives[0].gradient().all());
      if (!sameSource && last.modelHasAll()) {
        lastWithAll = lastCompilation; // one compilation: an unchanged save's model has them all
      }
      if (light.flagged() || fullEveryRound) {
        CompiledModel full = phases.time("bind with all derivatives", this::withAllDerivatives);
        phases.time("full check", () -> fullCheck(full));
      }
      if (warmUpDue && m instanceof GeneratedModel) {
        warmUpDue = false;
        warmUp = CompilerWarmUp.start(model, ((GeneratedModel) m).data(), classes);
      }
      if (phaseTimes) {
        say("phases (thread CPU/wall, ms): " + phases.format());
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
      say(model + ": not checked");
      System.out.flush();
      PrintWriter err = new PrintWriter(System.err, true);
      UserErrors.report(e, err);
      err.flush();
    }
    System.out.flush();
    return files;
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
