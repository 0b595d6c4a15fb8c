package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrOutput;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.OutputInfo;

/**
 * The AD stage: a program with {@code forward(p) -> J} becomes one that also has
 *
 * <ul>
 *   <li>{@code tangent(p, dp) -> J, J$d}: the directional derivative of J along dp, filling the
 *       tangent arrays of the declared outputs and of the observations' modelled values (registered
 *       on their {@link IrOutput}s);
 *   <li>{@code gradient(p, g) -> J}: the adjoint, writing dJ/dp into every slot of g;
 *   <li>{@code hessianVector(p, v, hv) -> J}: the tangent of {@code gradient} along v, writing the
 *       Hessian times v into hv (forward over reverse).
 * </ul>
 *
 * The forward function is kept unchanged; J returned by every function is forward's J exactly.
 *
 * <p>With checkpointing enabled (the default, {@link CheckpointOptions#defaults()}) and a top-level
 * loop that records on the tape, it also adds {@code gradientCheckpointed} and {@code
 * hessianVectorCheckpointed} (the same derivatives, long loops done by binomial checkpointing,
 * {@link BinomialCheckpointing}, or nested {@link Checkpointing} segments) and {@code plainTapeBytes() -> b}, the bytes the plain gradient would record in those
 * loops with the bound dims ({@link TapeBytes}); the generated model runs the checkpointed pair when
 * that exceeds its tape budget. They are separate methods so that the plain ones stay as small (and as
 * fast) as they were.
 */
public final class AutoDiff {

  private AutoDiff() {}

  /** Name of the checkpointed gradient function. */
  public static final String GRADIENT_CHECKPOINTED = "gradientCheckpointed";
  /** Name of the checkpointed Hessian-vector function. */
  public static final String HESSIAN_VECTOR_CHECKPOINTED = "hessianVectorCheckpointed";
  /** Name of the function returning the bytes the plain gradient records in the loops the checkpointed pair checkpoints. */
  public static final String PLAIN_TAPE_BYTES = "plainTapeBytes";

  /** Adds the derivative functions, with the standard rules and the default checkpointing. */
  public static IrProgram differentiate(IrProgram forward) {
    return differentiate(forward, DerivativeRules.standard(), CheckpointOptions.defaults());
  }

  /** Adds the derivative functions, with the standard rules, checkpointing long loops as {@code options} say. */
  public static IrProgram differentiate(IrProgram forward, CheckpointOptions options) {
    return differentiate(forward, DerivativeRules.standard(), options);
  }

  /** Adds the derivative functions, differentiating primitives with {@code rules}, with the default checkpointing. */
  public static IrProgram differentiate(IrProgram program, DerivativeRules rules) {
    return differentiate(program, rules, CheckpointOptions.defaults());
  }

  /** Adds the derivative functions, differentiating primitives with {@code rules}. */
  public static IrProgram differentiate(IrProgram program, DerivativeRules rules, CheckpointOptions options) {
    return differentiate(program, rules, options, true, true);
  }

  /**
   * For {@code phloem watch}'s light check, which runs a gradient and costs only: {@code program} with
   * the functions {@link #differentiate(IrProgram)} adds that a gradient runs ({@code gradient}, and
   * when it has them {@code gradientCheckpointed} and {@code plainTapeBytes}), the same code as there,
   * without the tangent and Hessian-vector code, which is about two thirds of the class to emit and a
   * fifth of differentiating. Its model's {@code tangent} and {@code hessianVector} throw.
   */
  public static IrProgram gradientOnly(IrProgram program) {
    return differentiate(program, DerivativeRules.standard(), CheckpointOptions.defaults(), false, true);
  }

  /**
   * {@link #gradientOnly} without {@code gradientCheckpointed}: {@code program} with {@code gradient}
   * and, when the model has loops to checkpoint, {@code plainTapeBytes}, both the same code as there. A
   * model of this class runs the plain gradient whatever its tape ({@code GeneratedModel.gradient} falls
   * back to it), so it gives the gradient of {@link #gradientOnly}'s class only where that class does not
   * checkpoint: where {@code GeneratedModel.checkpointing()} is false on the bound data, which this class
   * computes the same way. {@code phloem watch}'s light check runs it there (most models' tapes fit the
   * budget): about half the differentiating and a quarter of the class to emit.
   */
  public static IrProgram plainGradient(IrProgram program) {
    return differentiate(program, DerivativeRules.standard(), CheckpointOptions.defaults(), false, false);
  }

  /**
   * The derivative functions; the tangent and Hessian-vector ones only when {@code tangents}, the
   * checkpointed ones only when {@code checkpointed} (without them, {@code plainTapeBytes} all the same).
   */
  private static IrProgram differentiate(IrProgram program, DerivativeRules rules, CheckpointOptions options, boolean tangents,
      boolean checkpointed) {
    // after the Hessian-vector code was derived from the gradients as the adjoint made them
    Set<String> gradients = Set.of("gradient", GRADIENT_CHECKPOINTED);
    IrProgram split = ReductionSplit.apply(derivatives(program, rules, options, tangents, checkpointed), gradients);
    IrProgram out = CarriedElements.apply(ElementAccumulators.apply(split, gradients), gradients);
    for (String name : gradients) {
      if (out.functions().containsKey(name)) {
        // the known constants first: they make the reverse observation loop's iterations independent
        IrFunction f = ConstantLocals.apply(out.function(name));
        IrProgram arrays = out;
        out = out.withFunction(SweepTurnFusion.apply(f, a -> arrays.array(a) == null ? List.of() : arrays.array(a).dims()));
      }
    }
    return out;
  }

  private static IrProgram derivatives(IrProgram program, DerivativeRules rules, CheckpointOptions options, boolean tangents,
      boolean checkpointed) {
    IrFunction forward = program.function("forward");
    String p = forward.arguments().get(0);
    String cost = forward.results().get(0);
    Set<String> taken = new LinkedHashSet<>(forward.locals().keySet());
    program.arrays().forEach(a -> taken.add(a.name()));
    taken.add(p);
    String dp = free("dp", taken);
    String g = free("g", taken);
    String v = free("v", taken);
    String hv = free("hv", taken);

    IrProgram out = program;
    if (tangents) {
      // tangent: J and every output and modelled observation
      Set<String> dependents = new LinkedHashSet<>();
      dependents.add(cost);
      for (IrOutput o : program.outputs()) {
        if (wantsTangent(o, program)) {
          dependents.add(o.valueArray());
        }
      }
      Tangent.Result tangent = Tangent.transform(program, forward,
          new Tangent.Spec("tangent", Map.of(p, dp), Set.of(p), dependents, true, Set.of()), rules);
      out = addArrays(program, tangent.newArrays()).withFunction(tangent.function());
      List<IrOutput> outputs = new ArrayList<>();
      for (IrOutput o : out.outputs()) {
        outputs.add(wantsTangent(o, program) ? o.withTangent(tangent.tangentOf().get(o.valueArray())) : o);
      }
      out = out.withOutputs(outputs);
    }

    // the adjoint's names are its own (x$b, numbered temporaries): the same with or without the tangent before it
    IrProgram beforeAdjoint = out;
    Adjoint.Result adjoint = Adjoint.transform(out, forward, "gradient", g, rules);
    out = addArrays(out, adjoint.newArrays()).withFunction(adjoint.function());

    if (tangents) {
      Tangent.Result hessian = Tangent.transform(out, adjoint.function(),
          new Tangent.Spec("hessianVector", Map.of(p, v, g, hv), Set.of(p), Set.of(g), false, Set.of(g),
              Set.copyOf(adjoint.adjointOf().values())), rules);
      out = addArrays(out, hessian.newArrays()).withFunction(hessian.function());
    }
    if (!options.enabled()) {
      return out;
    }
    if (!checkpointed) {
      IrFunction count = Adjoint.plainTapeBytes(beforeAdjoint, forward, GRADIENT_CHECKPOINTED, g, rules, options);
      return count == null ? out : out.withFunction(count);
    }
    // The checkpointed pair: generated from the program as the plain adjoint saw it, so its adjoint
    // arrays get the same names (and are shared).
    Adjoint.Checkpointed ckpt = Adjoint.checkpointed(beforeAdjoint, forward, GRADIENT_CHECKPOINTED, g, rules, options);
    if (ckpt.plainTapeBytes() == null) {
      return out;
    }
    out = addArrays(out, ckpt.result().newArrays()).withFunction(ckpt.result().function());
    if (tangents) {
      Tangent.Result hessianCkpt = Tangent.transform(out, ckpt.result().function(),
          new Tangent.Spec(HESSIAN_VECTOR_CHECKPOINTED, Map.of(p, v, g, hv), Set.of(p), Set.of(g), false, Set.of(g),
              Set.copyOf(ckpt.result().adjointOf().values())), rules);
      out = addArrays(out, hessianCkpt.newArrays()).withFunction(hessianCkpt.function());
    }
    return out.withFunction(ckpt.plainTapeBytes());
  }

  /**
   * Declared outputs and modelled observations get tangents, when the model computes them (an output
   * that is an input or constant array has none: the runtime reports zeros for it).
   */
  private static boolean wantsTangent(IrOutput o, IrProgram program) {
    ModelLayout.ArraySlot slot = program.array(o.valueArray());
    return (o.role() == OutputInfo.Role.OUTPUT || o.role() == OutputInfo.Role.OBSERVATION_MODEL)
        && slot != null && slot.fill() == ModelLayout.Fill.WORK;
  }

  /** {@code name}, or {@code name$} variants if a model already uses it. */
  private static String free(String name, Set<String> taken) {
    String n = name;
    while (taken.contains(n)) {
      n = n + "$";
    }
    taken.add(n);
    return n;
  }

  /** Adds the arrays not there yet (the tangent and the Hessian-vector sweeps share tangent arrays). */
  private static IrProgram addArrays(IrProgram program, List<ModelLayout.ArraySlot> arrays) {
    List<ModelLayout.ArraySlot> fresh = new ArrayList<>();
    for (ModelLayout.ArraySlot a : arrays) {
      ModelLayout.ArraySlot existing = program.array(a.name());
      if (existing == null) {
        fresh.add(a);
      } else if (!existing.dims().equals(a.dims()) || existing.fill() != a.fill()) {
        throw new IllegalStateException("internal error: array " + a.name() + " generated twice with different shapes");
      }
    }
    return program.withArrays(fresh);
  }
}
