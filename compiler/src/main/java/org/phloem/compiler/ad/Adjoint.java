package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.phloem.compiler.analysis.Activity;
import org.phloem.compiler.analysis.IterationPrivate;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.analysis.Recomputable;
import org.phloem.compiler.analysis.ToBeRecorded;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.ModelLayout;

/**
 * The adjoint (reverse-mode) transform: {@code forward(p) -> J} becomes {@code gradient(p, g) -> J}.
 *
 * <p>The new function clears the adjoint arrays and {@code g}, runs a forward sweep (the forward
 * model, plus tape pushes), seeds {@code J$b = 1}, and runs a reverse sweep: the statements in
 * reverse order, loops run backwards, each active assignment {@code y = e} turned into {@code x$b +=
 * ∂e/∂x · y$b} for every active {@code x} it reads, after which {@code y$b} is zeroed (the value it
 * belonged to no longer exists before the assignment). The adjoint of the parameter vector is {@code
 * g} itself, so the prologue's copies ({@code eps = p[0]}) accumulate into it and every slot is
 * written (zero where inactive).
 *
 * <p>The reverse sweep reads primal values (operands of nonlinear primitives, indices). It runs with
 * each needed value restored: a statement that overwrites a value the reverse sweep will need pushes
 * the old value, and its reverse pops it back ({@link ToBeRecorded}). A local assigned once from a
 * cheap expression of data nothing overwrites afterwards (inputs, parameters, loop indices, model
 * outputs of an earlier loop: {@link Recomputable}) is never recorded: the reverse code of its block
 * starts by assigning it again. A branch pushes the way it went unless its condition reads only
 * inputs, constants, enclosing loop indices and such locals (then the reverse sweep evaluates it
 * again); a loop whose bounds read anything else pushes them. Intermediate values of one right-hand
 * side are recomputed in the reverse sweep from its restored operands rather than stored. Stores into
 * adjoint arrays that nothing reads afterwards are dropped ({@link DeadAdjointStores}). An adjoint
 * array element that several accumulations read is loaded once into a local, and a product {@code c ·
 * y$b} that several operands add or subtract (a stencil's shared coefficient) is computed once. Index
 * checks the forward statement has made are not made again ({@link ForwardCheckedIndices}).
 *
 * <p>An assignment whose partials are computed has its reverse code guarded by {@code if (y$b != 0)}:
 * an element whose adjoint is exactly zero contributes nothing, even where a partial is NaN (0 × NaN
 * would otherwise make the whole gradient NaN). The Hessian-vector transform widens the guard to
 * {@code y$b != 0 || y$b$d != 0} ({@link Tangent.Spec#zeroGuarded}).
 */
public final class Adjoint {

  private Adjoint() {}

  /**
   * The transform's result.
   *
   * @param function the gradient function
   * @param newArrays the adjoint work arrays it needs
   * @param adjointOf the adjoint variable of every active variable
   */
  public record Result(IrFunction function, List<ModelLayout.ArraySlot> newArrays, Map<String, String> adjointOf) {}

  /**
   * Differentiates {@code forward} (one argument, the parameter vector; first result, the cost) in
   * reverse mode.
   *
   * @param name the new function's name
   * @param gradientArgument the name of the argument the gradient is written to
   */
  public static Result transform(IrProgram program, IrFunction forward, String name, String gradientArgument, DerivativeRules rules) {
    return new Run(program, forward, name, gradientArgument, rules, null).run();
  }

  /**
   * A checkpointed adjoint and the tape the plain adjoint records in the loops it checkpoints.
   *
   * @param result the gradient function and what it needs
   * @param plainTapeBytes {@code plainTapeBytes() -> b}: the bytes the plain forward sweeps of all the
   *     checkpointed loops record, counted for the bound dims and data ({@link TapeBytes#countLoop}); null
   *     when no loop qualified, and the function is the plain adjoint
   */
  public record Checkpointed(Result result, IrFunction plainTapeBytes) {}

  /**
   * As {@link #transform}, but every top-level loop with loop-invariant bounds whose forward sweep
   * records on the tape is differentiated by the options' checkpointing schedule ({@link
   * BinomialCheckpointing} by default, or nested {@link Checkpointing} segments).
   */
  public static Checkpointed checkpointed(IrProgram program, IrFunction forward, String name, String gradientArgument,
      DerivativeRules rules, CheckpointOptions options) {
    Run run = new Run(program, forward, name, gradientArgument, rules, options);
    Result r = run.run();
    return new Checkpointed(r, run.checkpointedLoops == 0 ? null : TapeBytes.function(AutoDiff.PLAIN_TAPE_BYTES, run.tapeCount, run.countIndices));
  }

  /**
   * The {@code plainTapeBytes} function {@link #checkpointed} gives with these arguments, the same
   * statement for statement, or null when it gives none; without the checkpointed adjoint's last passes
   * (reverse invariants hoisted, dead adjoint stores removed), which do not change what it counts:
   * {@code phloem watch}'s light check needs the count (to know whether the model would run the
   * checkpointed gradient) but, when the tape fits, not that gradient.
   */
  public static IrFunction plainTapeBytes(IrProgram program, IrFunction forward, String name, String gradientArgument,
      DerivativeRules rules, CheckpointOptions options) {
    Run run = new Run(program, forward, name, gradientArgument, rules, options);
    run.sweep();
    return run.checkpointedLoops == 0 ? null : TapeBytes.function(AutoDiff.PLAIN_TAPE_BYTES, run.tapeCount, run.countIndices);
  }

  /** A piece of code's forward sweep and reverse sweep. */
  private record Sweep(List<Stmt> fwd, List<Stmt> rev) {}

  /** An assignment as the forward sweep runs it (through temporaries), and the temporaries it records. */
  private record RecordedValues(List<Stmt> forward, List<String> temps) {}

  /** Functions the JDK computes in native code, without a JIT intrinsic: their values are recorded, not computed again. */
  private static final java.util.Set<Prim> SLOW = java.util.EnumSet.of(Prim.TANH, Prim.SINH, Prim.COSH, Prim.ASIN, Prim.ACOS, Prim.ATAN);

  /** Set to {@code false} to compute those values again in the reverse sweep (to measure what recording them does). */
  public static final String RECORD_SLOW_PROPERTY = "phloem.recordSlowValues";

  /**
   * The reverse code of one assignment (without the restore), the names it reads with their values
   * from before the assignment, and those it reads with their values from after it (the target, whose
   * value a rule reuses; such code runs before the target's old value is popped back).
   */
  private record Reverse(List<Stmt> code, Set<String> reads, Set<String> readsAfter) {
    boolean beforeRestore() {
      return !readsAfter.isEmpty();
    }
  }

  private static final class Run {
    private final IrProgram program;
    private final String name;
    private final String gradient;
    private final Names names;
    private final Linearizer linearizer;
    private final IrFunction f;
    private final String parameters;
    private final String cost;
    private final Activity act;
    private final Map<String, String> adj = new LinkedHashMap<>();
    private final Map<String, ScalarType> locals;
    private final List<ModelLayout.ArraySlot> newArrays = new ArrayList<>();
    private final Set<String> loopIndices = new LinkedHashSet<>();
    private final Map<Stmt, Reverse> reverse = new IdentityHashMap<>();
    /** Recomputed assignments the reverse sweep computes again through temporaries their partials reuse. */
    private final Map<Stmt, List<Stmt>> recomputedThrough = new IdentityHashMap<>();
    /** Assignments whose forward sweep records the values of slow functions their partials reuse ({@link #recordSlowValues}). */
    private final Map<Stmt, RecordedValues> recordedValues = new IdentityHashMap<>();
    private ToBeRecorded tbr;
    /** Locals the reverse sweep computes again rather than restores (see {@link Recomputable}). */
    private final Recomputable recomputed;
    /** Loop indices and recomputed locals: what the reverse sweep sets itself. */
    private final Set<String> regenerated = new LinkedHashSet<>();
    private String branch;
    private final CheckpointOptions checkpoints;
    /** The top-level loops that may be checkpointed, with what they carry. */
    private final Map<Stmt, LoopState> candidates = new IdentityHashMap<>();
    /** Code counting the plain tape of the checkpointed loops into {@link TapeBytes#COUNTER}, and the loop indices it runs. */
    private final List<Stmt> tapeCount = new ArrayList<>();
    private final Set<String> countIndices = new LinkedHashSet<>();
    private int checkpointedLoops;
    private IterationPrivate privates;

    Run(IrProgram program, IrFunction forward, String name, String gradient, DerivativeRules rules, CheckpointOptions checkpoints) {
      if (forward.arguments().size() != 1 || forward.results().isEmpty()) {
        throw new IllegalArgumentException("the adjoint transform takes a function of one parameter vector returning the cost; got "
            + forward.name() + forward.arguments() + " -> " + forward.results());
      }
      this.program = program;
      this.name = name;
      this.gradient = gradient;
      Set<String> taken = new LinkedHashSet<>(forward.locals().keySet());
      taken.addAll(forward.arguments());
      taken.add(gradient);
      program.arrays().forEach(a -> taken.add(a.name()));
      this.names = new Names(taken);
      this.linearizer = new Linearizer(rules, names);
      this.parameters = forward.arguments().get(0);
      this.f = Normalize.selects(forward, this::constantArray, names);
      this.cost = f.results().get(0);
      this.act = Activity.analyze(f.body(), Set.of(parameters), Set.of(cost));
      this.locals = new LinkedHashMap<>(f.locals());
      this.checkpoints = checkpoints;
      collectLoopIndices(f.body());
      this.recomputed = Recomputable.analyze(f.body(), f.locals().keySet(), Set.copyOf(f.results()));
      regenerated.addAll(loopIndices);
      regenerated.addAll(recomputed.names());
    }

    /** The forward and reverse sweeps of the whole body (the checkpointed loops' tape counted on the way). */
    Sweep sweep() {
      for (String v : act.activeNames()) {
        if (v.equals(Activity.TAPE)) {
          throw new IllegalArgumentException("the adjoint transform takes code without tape operations");
        }
        adj.put(v, adjointVariable(v));
      }
      tbr = analyzeRecording();
      return block(f.body(), Set.of());
    }

    Result run() {
      Sweep sweep = sweep();
      List<Stmt> body = new ArrayList<>();
      for (ModelLayout.ArraySlot a : newArrays) {
        body.add(new Stmt.Fill(a.name(), 0.0));
      }
      body.add(new Stmt.Fill(gradient, 0.0));
      body.addAll(sweep.fwd());
      String result = cost;
      if (restores(sweep.rev(), cost)) {
        result = names.fresh("cost");
        locals.put(result, ScalarType.REAL);
        body.add(new Stmt.Assign(new Ref.Local(result), Expr.local(cost), 0));
      }
      body.add(new Stmt.Assign(new Ref.Local(adj.get(cost)), Expr.num(1), 0));
      List<Stmt> whole = new ArrayList<>(body);
      whole.addAll(sweep.rev());
      body.addAll(ReverseInvariants.hoist(sweep.rev(), whole));
      List<String> results = new ArrayList<>(f.results());
      results.set(0, result);
      Set<String> adjointArrays = new LinkedHashSet<>();
      newArrays.forEach(a -> adjointArrays.add(a.name()));
      List<Stmt> live = DeadAdjointStores.remove(body, adjointArrays, this::dimsOf);
      return new Result(new IrFunction(name, List.of(parameters, gradient), results, locals, live), newArrays, adj);
    }

    /**
     * The to-be-recorded analysis. With checkpointing, a checkpointed loop re-runs in the reverse sweep,
     * so what it reads from outside must still be there: a stand-in statement after the loop, whose
     * reverse "reads" those names, makes later code record them if it overwrites them.
     */
    private ToBeRecorded analyzeRecording() {
      if (checkpoints == null) {
        return ToBeRecorded.analyze(f.body(), this::reverseReads, this::reverseReadsAfter, regenerated, this::dimsOf);
      }
      Map<Stmt, Set<String>> standIns = new IdentityHashMap<>();
      List<Stmt> analysed = new ArrayList<>();
      String dummy = names.fresh("ckpt");
      for (Stmt s : f.body()) {
        analysed.add(s);
        if (s instanceof Stmt.For && Checkpoints.invariantBounds((Stmt.For) s)) {
          LoopState state = LoopState.of((Stmt.For) s);
          candidates.put(s, state);
          Stmt standIn = new Stmt.Assign(new Ref.Local(dummy), Expr.num(0), 0);
          standIns.put(standIn, state.readsFromOutside());
          analysed.add(standIn);
        }
      }
      return ToBeRecorded.analyze(analysed, s -> standIns.containsKey(s) ? standIns.get(s) : reverseReads(s),
          s -> standIns.containsKey(s) ? Set.of() : reverseReadsAfter(s), regenerated, this::dimsOf);
    }

    /** An array's dims, the adjoint arrays' included (none for the parameter vector and other arguments). */
    private List<String> dimsOf(String array) {
      ModelLayout.ArraySlot slot = program.array(array);
      if (slot == null) {
        slot = newArrays.stream().filter(a -> a.name().equals(array)).findFirst().orElse(null);
      }
      return slot == null ? List.of() : slot.dims();
    }

    private String adjointVariable(String v) {
      if (v.equals(parameters)) {
        return gradient;
      }
      if (f.locals().containsKey(v)) {
        if (f.locals().get(v) != ScalarType.REAL) {
          throw new IllegalStateException("internal error: integer local " + v + " found active");
        }
        String a = names.claim(Names.adjoint(v));
        locals.put(a, ScalarType.REAL);
        return a;
      }
      ModelLayout.ArraySlot slot = program.array(v);
      if (slot == null || slot.fill() != ModelLayout.Fill.WORK) {
        throw new IllegalArgumentException(f.name() + ": active variable " + v + " is neither a local nor a work array");
      }
      String a = names.claim(Names.adjoint(v));
      newArrays.add(new ModelLayout.ArraySlot(a, slot.dims(), ModelLayout.Fill.WORK, null));
      return a;
    }

    private Ref adjoint(Ref r) {
      String a = adj.get(r.name());
      return r instanceof Ref.Local ? new Ref.Local(a) : new Ref.Elem(a, ((Ref.Elem) r).index());
    }

    /** An input or constant array: never written, never carries a derivative. */
    private boolean constantArray(String n) {
      ModelLayout.ArraySlot slot = program.array(n);
      return slot != null && slot.fill() != ModelLayout.Fill.WORK;
    }

    /** Never written by the function: constant arrays and the parameter vector. */
    private boolean readOnly(String n) {
      return n.equals(parameters) || constantArray(n);
    }

    private void collectLoopIndices(List<Stmt> body) {
      for (Stmt s : body) {
        if (s instanceof Stmt.For) {
          loopIndices.add(((Stmt.For) s).index());
          collectLoopIndices(((Stmt.For) s).body());
        } else if (s instanceof Stmt.If) {
          collectLoopIndices(((Stmt.If) s).then());
          collectLoopIndices(((Stmt.If) s).otherwise());
        }
      }
    }

    // ---- reverse code of one assignment ----

    private Set<String> reverseReads(Stmt s) {
      Reverse r = reverseOf(s);
      return r == null ? Set.of() : r.reads();
    }

    private Set<String> reverseReadsAfter(Stmt s) {
      Reverse r = reverseOf(s);
      return r == null ? Set.of() : r.readsAfter();
    }

    /** The adjoint code of {@code s}, or null when it has none. Computed once per statement. */
    private Reverse reverseOf(Stmt s) {
      if (!(s instanceof Stmt.Assign)) {
        return null;
      }
      if (reverse.containsKey(s)) {
        return reverse.get(s);
      }
      Stmt.Assign a = (Stmt.Assign) s;
      Reverse r = null;
      String target = a.target().name();
      if (adj.containsKey(target) && act.usefulAfter(s, target)) {
        r = assignReverse(a);
      }
      reverse.put(s, r);
      return r;
    }

    /** The arrays private to the forward's loops (computed when first asked). */
    private IterationPrivate iterationPrivate() {
      if (privates == null) {
        privates = IterationPrivate.analyze(f.body(), this::dimsOf);
      }
      return privates;
    }

    private Reverse assignReverse(Stmt.Assign s) {
      // When the right-hand side does not read the target, its value is the target's just after the
      // store: a rule reusing the value (exp, pow, sqrt, ...) reads it instead of computing it again.
      // Not when that would cost a push (the target is overwritten later) to save one division (a
      // quotient's value, reused in its partial by the denominator): the division is cheaper. A
      // recomputed target costs no push: the reverse sweep computes it again in any case.
      String targetName = s.target().name();
      boolean targetHoldsValue = !Reads.all(s.value()).contains(targetName)
          && !(isCall(s.value(), Prim.DIV) && recomputed.overwrittenLater(s, iterationPrivate()) && !recomputed.isDefinition(s));
      Linearizer.Linear lin = linearizer.linearize(s.value(), r -> adj.containsKey(r.name()) && act.variedBefore(s, r.name()),
          targetHoldsValue ? new Expr.Get(s.target()) : null);
      List<Stmt> code = new ArrayList<>();
      Set<String> computedAgain = recomputeThroughTemps(s, lin);
      Set<String> restored = recordSlowValues(s, lin);
      for (Linearizer.Temp t : tempsNeededBelow(lin, restored)) {
        locals.put(t.name(), ScalarType.REAL);
        if (!computedAgain.contains(t.name()) && !restored.contains(t.name())) {
          code.add(new Stmt.Assign(new Ref.Local(t.name()), t.value(), 0));
        }
      }
      Set<String> tempNames = new LinkedHashSet<>();
      lin.temps().forEach(t -> tempNames.add(t.name()));
      CommonTemporaries common = new CommonTemporaries(tempNames);
      code = common.block(code);
      List<Linearizer.Term> terms = new ArrayList<>();
      for (Linearizer.Term t : lin.terms()) {
        terms.add(new Linearizer.Term(t.leaf(), common.rewrite(t.coefficient())));
      }
      int temporaries = code.size();
      Ref yb = adjoint(s.target());
      List<Linearizer.Term> self = new ArrayList<>();
      for (Linearizer.Term t : terms) {
        if (t.leaf().name().equals(s.target().name())) {
          self.add(t);
        }
      }
      if (self.size() == 1 && self.get(0).leaf().equals(s.target()) && Simplify.isNum(self.get(0).coefficient(), 1)) {
        // y = y + ...: y's adjoint passes through unchanged; only the other operands accumulate
        List<Linearizer.Term> others = new ArrayList<>(terms);
        others.remove(self.get(0));
        accumulateAll(others, adjointValue(yb, others.size(), code, s.line()), code, s.line());
      } else if (!self.isEmpty()) {
        // y is read (perhaps as another element of the same array): save y$b before clearing it
        String saved = names.fresh("a");
        locals.put(saved, ScalarType.REAL);
        code.add(new Stmt.Assign(new Ref.Local(saved), new Expr.Get(yb), s.line()));
        code.add(new Stmt.Assign(yb, Expr.num(0), s.line()));
        accumulateAll(terms, Expr.local(saved), code, s.line());
      } else {
        accumulateAll(terms, adjointValue(yb, terms.size(), code, s.line()), code, s.line());
        code.add(new Stmt.Assign(yb, Expr.num(0), s.line()));
      }
      List<Stmt> accumulations = common.block(code.subList(temporaries, code.size()));
      code = new ArrayList<>(code.subList(0, temporaries));
      code.addAll(accumulations);
      // a temporary dropped as a repeat is no longer a local, unless the forward sweep's code for this
      // statement (recomputed or recording) computes it
      Set<String> mentioned = mentions(code);
      mentioned.addAll(mentions(recomputedThrough.getOrDefault(s, List.of())));
      mentioned.addAll(mentions(recordedValues.containsKey(s) ? recordedValues.get(s).forward() : List.of()));
      for (String t : tempNames) {
        if (!mentioned.contains(t)) {
          locals.remove(t);
        }
      }
      code = SharedReciprocals.apply(code, () -> {
        String r = names.fresh("t");
        locals.put(r, ScalarType.REAL);
        return r;
      });
      Set<String> reads = new LinkedHashSet<>();
      for (Stmt c : code) {
        Stmt.Assign ca = (Stmt.Assign) c;
        Reads.all(ca.value(), reads);
        reads.addAll(Reads.index(ca.target()));
      }
      Set<String> readsAfter = Set.of();
      if (targetHoldsValue && reads.remove(targetName)) {
        readsAfter = Set.of(targetName);
      }
      if (needsZeroGuard(lin)) {
        code = List.of(new Stmt.If(nonZero(yb), code, List.of(), s.line()));
      }
      return new Reverse(ForwardCheckedIndices.dropFrom(code, s), Collections.unmodifiableSet(reads), readsAfter);
    }

    /**
     * For a recomputed local whose value has a transcendental function (exp, sqrt, ...) that its
     * partials reuse: the reverse sweep computes it again through the linearization's temporaries
     * ({@link #recomputations}), and its partials read those instead of computing the exp again (BETHY's
     * {@code canopy_light}: two exps per layer, each evaluated twice in the reverse sweep before). The
     * temporaries hold the same operations on the same operands as the assignment, so the local gets
     * the same value, bit for bit. Returns the temporaries so computed (none for other statements).
     */
    private Set<String> recomputeThroughTemps(Stmt.Assign s, Linearizer.Linear lin) {
      if (!recomputed.isDefinition(s)) {
        return Set.of();
      }
      List<Linearizer.Temp> primal = lin.tempsNeededBy(List.of(lin.primal()));
      if (primal.stream().noneMatch(t -> Recomputable.transcendental(t.value()))) {
        return Set.of();
      }
      List<Stmt> again = new ArrayList<>();
      Set<String> names = new LinkedHashSet<>();
      for (Linearizer.Temp t : primal) {
        locals.put(t.name(), ScalarType.REAL);
        again.add(new Stmt.Assign(new Ref.Local(t.name()), t.value(), 0));
        names.add(t.name());
      }
      again.add(new Stmt.Assign(s.target(), lin.primal(), s.line()));
      recomputedThrough.put(s, again);
      return names;
    }

    /**
     * For an assignment the reverse sweep does not compute again: the partials' temporaries holding
     * tanh, sinh, cosh, asin, acos or atan of something are recorded by the forward sweep and restored
     * before the partials, instead of computed a second time. The JDK computes these in native code
     * ({@code StrictMath}, no JIT intrinsic): one costs about 30 ns, a push and a pop about 2 (the CCDAS
     * experiment's phenology, two tanh per tile-month, and its soil pools, a sinh per pass). The forward
     * sweep then evaluates the assignment through the linearizer's temporaries, the same operations in the
     * same order: the same value, bit for bit. Operands only those values needed are no longer read by
     * the reverse sweep, so the to-be-recorded analysis may stop recording them (the phenology's {@code x}).
     * Returns the temporaries recorded.
     */
    private Set<String> recordSlowValues(Stmt.Assign s, Linearizer.Linear lin) {
      if (recomputed.isDefinition(s) || !Boolean.parseBoolean(System.getProperty(RECORD_SLOW_PROPERTY, "true"))) {
        return Set.of();
      }
      Set<String> slow = new LinkedHashSet<>();
      for (Linearizer.Temp t : lin.tempsNeededBy(lin.coefficients())) {
        if (t.value() instanceof Expr.Call && SLOW.contains(((Expr.Call) t.value()).prim())) {
          slow.add(t.name());
        }
      }
      if (slow.isEmpty()) {
        return Set.of();
      }
      List<Stmt> forward = new ArrayList<>();
      for (Linearizer.Temp t : lin.tempsNeededBy(List.of(lin.primal()))) {
        locals.put(t.name(), ScalarType.REAL);
        forward.add(new Stmt.Assign(new Ref.Local(t.name()), t.value(), s.line()));
      }
      List<String> primalTemps = new ArrayList<>();
      forward.forEach(a -> primalTemps.add(((Stmt.Assign) a).target().name()));
      if (!primalTemps.containsAll(slow)) {
        return Set.of(); // a slow value the primal does not compute (none today): leave the statement alone
      }
      forward.add(new Stmt.Assign(s.target(), lin.primal(), s.line()));
      recordedValues.put(s, new RecordedValues(forward, List.copyOf(slow)));
      return slow;
    }

    /** The temporaries the partials need, not looking past {@code restored} (their operands are not needed). */
    private static List<Linearizer.Temp> tempsNeededBelow(Linearizer.Linear lin, Set<String> restored) {
      if (restored.isEmpty()) {
        return lin.tempsNeededBy(lin.coefficients());
      }
      Set<String> needed = new LinkedHashSet<>();
      for (Expr e : lin.coefficients()) {
        needed.addAll(Reads.all(e));
      }
      List<Linearizer.Temp> out = new ArrayList<>();
      List<Linearizer.Temp> temps = lin.temps();
      for (int k = temps.size() - 1; k >= 0; k--) {
        Linearizer.Temp t = temps.get(k);
        if (needed.contains(t.name())) {
          out.add(0, t);
          if (!restored.contains(t.name())) {
            needed.addAll(Reads.all(t.value()));
          }
        }
      }
      return out;
    }

    /**
     * True when some partial is computed (not a literal): at an element whose adjoint is exactly zero
     * such a partial may be NaN or infinite (an output that is NaN where no observation uses it, e.g.
     * a missing night-time temperature), and 0 × NaN would poison the gradient. The reverse code then
     * runs only when the adjoint is non-zero: an element with a zero adjoint contributes nothing, as
     * it does mathematically, and the partials are not even computed there. Literal partials (sums,
     * copies) need no test.
     */
    private static boolean needsZeroGuard(Linearizer.Linear lin) {
      for (Linearizer.Term t : lin.terms()) {
        if (!(t.coefficient() instanceof Expr.Num)) {
          return true;
        }
      }
      return false;
    }

    /** {@code yb != 0}: the guard of a reverse block; {@link Tangent} recognises it by the adjoint's name. */
    static Cond nonZero(Ref yb) {
      return new Cond.Compare(Cond.CmpOp.NE, new Expr.Get(yb), Expr.num(0));
    }

    private static boolean isCall(Expr e, Prim p) {
      return e instanceof Expr.Call && ((Expr.Call) e).prim() == p;
    }

    /**
     * The adjoint value {@code uses} accumulations read: an array element read once into a local when
     * several read it. Every store into another array may alias it for the JIT (all {@code double[]}
     * share one memory slice), so each accumulation would otherwise load it again.
     */
    private Expr adjointValue(Ref yb, int uses, List<Stmt> code, int line) {
      if (!(yb instanceof Ref.Elem) || uses < 2) {
        return new Expr.Get(yb);
      }
      String a = names.fresh("a");
      locals.put(a, ScalarType.REAL);
      code.add(new Stmt.Assign(new Ref.Local(a), new Expr.Get(yb), line));
      return Expr.local(a);
    }

    /**
     * {@code leaf$b = leaf$b + coefficient · adjoint} for every term. A product {@code c · adjoint}
     * that several terms add or subtract (a stencil's {@code c[k] = ... + s[j] (f[j] - f[j + 1])}) is
     * computed once into a temporary: the same operations as computing it for each, one multiply and
     * one coefficient load instead of several.
     */
    private void accumulateAll(List<Linearizer.Term> terms, Expr adjointValue, List<Stmt> code, int line) {
      Map<Expr, Expr> scaledFactors = scaledFactors(terms, adjointValue, code, line);
      Map<Expr, Integer> uses = new LinkedHashMap<>();
      List<Expr> products = new ArrayList<>();
      for (Linearizer.Term t : terms) {
        Expr product = scaledProduct(t.coefficient(), scaledFactors);
        if (product == null) {
          product = Simplify.times(t.coefficient(), adjointValue);
        }
        products.add(product);
        uses.merge(unsigned(product), 1, Integer::sum);
      }
      Map<Expr, Expr> shared = new LinkedHashMap<>();
      for (int k = 0; k < terms.size(); k++) {
        Expr product = products.get(k);
        Expr magnitude = unsigned(product);
        if (!Simplify.trivial(magnitude) && uses.get(magnitude) > 1) {
          Expr temp = shared.get(magnitude);
          if (temp == null) {
            String t = names.fresh("t");
            locals.put(t, ScalarType.REAL);
            code.add(new Stmt.Assign(new Ref.Local(t), magnitude, line));
            temp = Expr.local(t);
            shared.put(magnitude, temp);
          }
          product = magnitude == product ? temp : Simplify.negate(temp);
        }
        Ref xb = adjoint(terms.get(k).leaf());
        code.add(new Stmt.Assign(xb, Simplify.plus(new Expr.Get(xb), product), line));
      }
    }

    /**
     * The linearizer's shared partial factors (a temporary {@code d} several coefficients end in: a
     * quotient's {@code 1 / den} in {@code x · d}, {@code x² · d} and {@code d}) times the adjoint, each
     * computed once into a temporary: {@code u = d · ȳ}, then {@code x · u}, {@code x² · u} and
     * {@code u}, one multiplication per term instead of two (NIST Kirby2's rational function: 9
     * multiplications for its five parameters become 6). The partial products round differently, by an
     * ulp at most; the derivative is the same. Returns each factor with its scaled temporary.
     */
    private Map<Expr, Expr> scaledFactors(List<Linearizer.Term> terms, Expr adjointValue, List<Stmt> code, int line) {
      Map<Expr, Integer> count = new LinkedHashMap<>();
      for (Linearizer.Term t : terms) {
        Expr f = lastFactor(unsigned(t.coefficient()));
        if (f != null) {
          count.merge(f, 1, Integer::sum);
        }
      }
      Map<Expr, Expr> out = new LinkedHashMap<>();
      count.forEach((f, n) -> {
        if (n > 1) {
          String u = names.fresh("t");
          locals.put(u, ScalarType.REAL);
          code.add(new Stmt.Assign(new Ref.Local(u), Expr.mul(f, adjointValue), line));
          out.put(f, Expr.local(u));
        }
      });
      return out;
    }

    /** The local {@code c} is or ends in ({@code c = d} or {@code c = x · d}), else null. */
    private static Expr lastFactor(Expr c) {
      if (c instanceof Expr.Get && ((Expr.Get) c).ref() instanceof Ref.Local) {
        return c;
      }
      if (isCall(c, Prim.MUL)) {
        Expr d = ((Expr.Call) c).args().get(1);
        return d instanceof Expr.Get && ((Expr.Get) d).ref() instanceof Ref.Local ? d : null;
      }
      return null;
    }

    /** {@code coefficient · adjoint} through a scaled factor, or null when the coefficient has none. */
    private static Expr scaledProduct(Expr coefficient, Map<Expr, Expr> scaledFactors) {
      Expr c = unsigned(coefficient);
      Expr f = lastFactor(c);
      Expr u = f == null ? null : scaledFactors.get(f);
      if (u == null) {
        return null;
      }
      Expr product = c.equals(f) ? u : Expr.mul(((Expr.Call) c).args().get(0), u);
      return c == coefficient ? product : Simplify.negate(product);
    }

    /** The names straight-line {@code code} reads or assigns. */
    private static Set<String> mentions(List<Stmt> code) {
      Set<String> out = Recomputable.readsDeep(code);
      for (Stmt c : code) {
        if (c instanceof Stmt.Assign) {
          out.add(((Stmt.Assign) c).target().name());
        }
      }
      return out;
    }

    /** {@code e} without a leading negation. */
    private static Expr unsigned(Expr e) {
      return isCall(e, Prim.NEG) ? ((Expr.Call) e).args().get(0) : e;
    }

    // ---- the two sweeps ----

    private Sweep block(List<Stmt> body, Set<String> loops) {
      List<Stmt> fwd = new ArrayList<>();
      List<List<Stmt>> revs = new ArrayList<>();
      for (Stmt s : body) {
        Sweep x = stmt(s, loops);
        fwd.addAll(x.fwd());
        revs.add(x.rev());
      }
      List<Stmt> rev = new ArrayList<>();
      for (int k = revs.size() - 1; k >= 0; k--) {
        rev.addAll(revs.get(k));
      }
      rev.addAll(0, recomputations(body, rev));
      return new Sweep(fwd, rev);
    }

    /**
     * The assignments of {@code body} to recomputed locals that {@code rev} (the reverse code of
     * {@code body}) reads, directly or through another recomputation, in their forward order: run at the
     * start of the reverse code, they give those locals the values they had after the forward sweep
     * left {@code body} (each is assigned once, and read only after its assignment).
     */
    private List<Stmt> recomputations(List<Stmt> body, List<Stmt> rev) {
      // (what rev reads is looked for only when body assigns a recomputed local: blocks nest, and every
      // level would walk all the reverse code nested in it)
      if (rev.isEmpty() || body.stream().noneMatch(recomputed::isDefinition)) {
        return List.of();
      }
      Set<String> needed = Recomputable.readsDeep(rev);
      List<Stmt> out = new ArrayList<>();
      for (int k = body.size() - 1; k >= 0; k--) {
        Stmt s = body.get(k);
        if (!recomputed.isDefinition(s)) {
          continue;
        }
        List<Stmt> through = recomputedThrough.get(s);
        if (needed.contains(Recomputable.target(s)) || (through != null && readsAny(needed, through))) {
          if (through == null) {
            out.add(0, copy(s));
          } else {
            List<Stmt> copies = new ArrayList<>();
            through.forEach(t -> copies.add(copy(t)));
            out.addAll(0, copies);
          }
          needed.addAll(Recomputable.reads(s));
        }
      }
      return out;
    }

    /** True when {@code needed} holds one of the temporaries {@code through} assigns. */
    private static boolean readsAny(Set<String> needed, List<Stmt> through) {
      for (Stmt t : through) {
        if (needed.contains(Recomputable.target(t))) {
          return true;
        }
      }
      return false;
    }

    /** A new statement object equal to the assignment {@code s} (places are keyed by identity). */
    private static Stmt copy(Stmt s) {
      if (s instanceof Stmt.SetInt) {
        return new Stmt.SetInt(((Stmt.SetInt) s).local(), ((Stmt.SetInt) s).value());
      }
      Stmt.Assign a = (Stmt.Assign) s;
      return new Stmt.Assign(a.target(), a.value(), a.line());
    }

    private Sweep stmt(Stmt s, Set<String> loops) {
      if (s instanceof Stmt.Assign) {
        Ref target = ((Stmt.Assign) s).target();
        List<Stmt> fwd = new ArrayList<>();
        List<Stmt> rev = new ArrayList<>();
        Reverse r = reverseOf(s);
        RecordedValues recorded = r == null ? null : recordedValues.get(s);
        if (recorded != null) {
          for (int k = recorded.temps().size() - 1; k >= 0; k--) {
            rev.add(new Stmt.Pop(new Ref.Local(recorded.temps().get(k))));
          }
        }
        if (r != null && r.beforeRestore()) {
          rev.addAll(r.code());
        }
        if (tbr.record(s)) {
          fwd.add(new Stmt.Push(new Expr.Get(target)));
          rev.add(new Stmt.Pop(ForwardCheckedIndices.target((Stmt.Assign) s)));
        }
        if (recorded != null) {
          fwd.addAll(recorded.forward());
          recorded.temps().forEach(t -> fwd.add(new Stmt.Push(Expr.local(t))));
        } else {
          fwd.add(s);
        }
        if (r != null && !r.beforeRestore()) {
          rev.addAll(r.code());
        }
        return new Sweep(fwd, rev);
      }
      if (s instanceof Stmt.SetInt) {
        String local = ((Stmt.SetInt) s).local();
        if (loopIndices.contains(local)) {
          throw new IllegalArgumentException("the adjoint transform needs loop indices assigned only by their loop; " + local + " is also set");
        }
        if (tbr.record(s)) {
          return new Sweep(List.of(new Stmt.PushInt(IExpr.local(local)), s), List.of(new Stmt.PopInt(local)));
        }
        return new Sweep(List.of(s), List.of());
      }
      if (s instanceof Stmt.For) {
        if (candidates.containsKey(s)) {
          return checkpoint((Stmt.For) s);
        }
        return loop((Stmt.For) s, loops);
      }
      if (s instanceof Stmt.If) {
        return branch((Stmt.If) s, loops);
      }
      if (s instanceof Stmt.Fill) {
        return fill((Stmt.Fill) s);
      }
      throw new IllegalArgumentException("the adjoint transform takes code without tape operations; got " + s);
    }

    private Sweep loop(Stmt.For l, Set<String> loops) {
      Set<String> inner = new LinkedHashSet<>(loops);
      inner.add(l.index());
      return loop(l, loops, block(l.body(), inner));
    }

    private Sweep loop(Stmt.For l, Set<String> loops, Sweep body) {
      if (body.rev().isEmpty()) {
        return new Sweep(List.of(new Stmt.For(l.index(), l.from(), l.to(), l.descending(), body.fwd(), l.line())), List.of());
      }
      if (invariant(Reads.all(l.from()), loops) && invariant(Reads.all(l.to()), loops)) {
        return new Sweep(
            List.of(new Stmt.For(l.index(), l.from(), l.to(), l.descending(), body.fwd(), l.line())),
            List.of(new Stmt.For(l.index(), l.from(), l.to(), !l.descending(), body.rev(), l.line())));
      }
      // bounds the reverse sweep cannot recompute: evaluate once, record after the loop
      String lo = names.fresh("lo");
      String hi = names.fresh("hi");
      locals.put(lo, ScalarType.INT);
      locals.put(hi, ScalarType.INT);
      IExpr from = IExpr.local(lo);
      IExpr to = IExpr.local(hi);
      return new Sweep(
          List.of(new Stmt.SetInt(lo, l.from()), new Stmt.SetInt(hi, l.to()),
              new Stmt.For(l.index(), from, to, l.descending(), body.fwd(), l.line()),
              new Stmt.PushInt(from), new Stmt.PushInt(to)),
          List.of(new Stmt.PopInt(hi), new Stmt.PopInt(lo), new Stmt.For(l.index(), from, to, !l.descending(), body.rev(), l.line())));
    }

    /** The checkpointed sweeps of a top-level loop, or its plain ones when it records nothing or cannot be split. */
    private Sweep checkpoint(Stmt.For l) {
      Sweep body = block(l.body(), Set.of(l.index()));
      Checkpointing.Snapshot snapshot = Checkpoints.usesTape(body.fwd())
          ? Checkpoints.snapshot(candidates.get(l), tbr.neededBefore(l), f.locals(), program, l) : null;
      if (snapshot == null) {
        return loop(l, Set.of(), body);
      }
      Function<String, String> freshInt = prefix -> {
        String n = names.fresh(prefix);
        locals.put(n, ScalarType.INT);
        return n;
      };
      // the loop advanced between snapshots runs its assignments as the recording does (through the
      // temporaries of recordSlowValues): the same values, and the same tangents in the Hessian-vector product
      Stmt.For swept = new Stmt.For(l.index(), l.from(), l.to(), l.descending(), asSwept(l.body()), l.line());
      LoopCheckpointing c = checkpoints.schedule() == CheckpointOptions.Schedule.NESTED
          ? new Checkpointing(swept, body.fwd(), body.rev(), snapshot, checkpoints.snapshots(), checkpoints.levels(), freshInt)
          : new BinomialCheckpointing(swept, body.fwd(), body.rev(), snapshot, TapeBytes.of(body.fwd()), checkpoints.snapshots(), freshInt);
      List<Stmt> fwd = c.forward();
      tapeCount.addAll(TapeBytes.countLoop(l, body.fwd(), this::constantArray, TapeBytes.COUNTER, countIndices));
      checkpointedLoops++;
      return new Sweep(fwd, c.reverse());
    }

    /** {@code code} with the assignments whose slow values are recorded written as the forward sweep runs them (no pushes). */
    private List<Stmt> asSwept(List<Stmt> code) {
      List<Stmt> out = new ArrayList<>(code.size());
      for (Stmt s : code) {
        RecordedValues recorded = recordedValues.get(s);
        if (recorded != null) {
          out.addAll(recorded.forward());
        } else if (s instanceof Stmt.For) {
          Stmt.For f = (Stmt.For) s;
          out.add(new Stmt.For(f.index(), f.from(), f.to(), f.descending(), asSwept(f.body()), f.line()));
        } else if (s instanceof Stmt.If) {
          Stmt.If i = (Stmt.If) s;
          out.add(new Stmt.If(i.cond(), asSwept(i.then()), asSwept(i.otherwise()), i.line()));
        } else {
          out.add(s);
        }
      }
      return out;
    }

    private Sweep branch(Stmt.If i, Set<String> loops) {
      Sweep then = block(i.then(), loops);
      Sweep otherwise = block(i.otherwise(), loops);
      if (then.rev().isEmpty() && otherwise.rev().isEmpty()) {
        return new Sweep(List.of(new Stmt.If(i.cond(), then.fwd(), otherwise.fwd(), i.line())), List.of());
      }
      if (invariant(Reads.all(i.cond()), loops)) {
        return new Sweep(
            List.of(new Stmt.If(i.cond(), then.fwd(), otherwise.fwd(), i.line())),
            List.of(new Stmt.If(i.cond(), then.rev(), otherwise.rev(), i.line())));
      }
      if (branch == null) {
        branch = names.fresh("br");
        locals.put(branch, ScalarType.INT);
      }
      List<Stmt> thenFwd = new ArrayList<>(then.fwd());
      thenFwd.add(new Stmt.PushInt(IExpr.of(1)));
      List<Stmt> otherwiseFwd = new ArrayList<>(otherwise.fwd());
      otherwiseFwd.add(new Stmt.PushInt(IExpr.of(0)));
      return new Sweep(
          List.of(new Stmt.If(i.cond(), thenFwd, otherwiseFwd, i.line())),
          List.of(new Stmt.PopInt(branch),
              new Stmt.If(new Cond.IntCompare(Cond.CmpOp.NE, IExpr.local(branch), IExpr.of(0)), then.rev(), otherwise.rev(), i.line())));
    }

    private Sweep fill(Stmt.Fill s) {
      List<Stmt> fwd = new ArrayList<>();
      List<Stmt> rev = new ArrayList<>();
      if (adj.containsKey(s.array())) {
        rev.add(new Stmt.Fill(adj.get(s.array()), 0.0));
      }
      if (tbr.record(s)) {
        ModelLayout.ArraySlot slot = program.array(s.array());
        IExpr size = IExpr.of(1);
        for (String d : slot.dims()) {
          size = IExpr.times(size, new IExpr.DimSize(d));
        }
        String k = names.fresh("k");
        locals.put(k, ScalarType.INT);
        Ref element = new Ref.Elem(s.array(), IExpr.local(k));
        fwd.add(new Stmt.For(k, IExpr.of(0), size, false, List.of(new Stmt.Push(new Expr.Get(element))), 0));
        rev.add(new Stmt.For(k, IExpr.of(0), size, true, List.of(new Stmt.Pop(element)), 0));
      }
      fwd.add(s);
      return new Sweep(fwd, rev);
    }

    /**
     * True when every name read is an enclosing loop index, a read-only array or a recomputed local
     * (which the reverse code of its block computes before anything that reads it).
     */
    private boolean invariant(Set<String> reads, Set<String> loops) {
      for (String n : reads) {
        if (!loops.contains(n) && !readOnly(n) && !recomputed.contains(n)) {
          return false;
        }
      }
      return true;
    }

    private static boolean restores(List<Stmt> code, String local) {
      for (Stmt s : code) {
        if (s instanceof Stmt.Pop && ((Stmt.Pop) s).target().equals(new Ref.Local(local))) {
          return true;
        }
        if (s instanceof Stmt.For && restores(((Stmt.For) s).body(), local)) {
          return true;
        }
        if (s instanceof Stmt.If && (restores(((Stmt.If) s).then(), local) || restores(((Stmt.If) s).otherwise(), local))) {
          return true;
        }
      }
      return false;
    }
  }
}
