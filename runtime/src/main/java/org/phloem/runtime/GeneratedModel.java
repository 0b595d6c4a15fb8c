package org.phloem.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.data.DimSpec;

/**
 * The base class of every generated model class. It owns the bookkeeping that needs no generated code:
 * sizing dims from the bound data, allocating and filling the arrays the generated code indexes,
 * building the {@link ModelInfo}, and checking argument lengths. Subclasses (emitted by the compiler)
 * implement the four sweeps over {@link #arrays}, {@link #dimSizes} and {@link #tape}.
 */
public abstract class GeneratedModel implements CompiledModel {
  /** Every array the generated code indexes, in {@link ModelLayout#arrays()} order. */
  protected final double[][] arrays;
  /** Every dim's size, in {@link ModelLayout#dims()} order. */
  protected final int[] dimSizes;
  /** The adjoint's record of overwritten values and branches. */
  protected final Tape tape = new Tape();

  private final ModelLayout layout;
  private final BoundData data;
  private final ModelInfo info;
  private final int parameterCount;
  private double lastCost = Double.NaN;
  /** Whether gradients use the checkpointed sweeps: null until first asked (then the tape budget decides). */
  private Boolean checkpointing;

  static {
    // here, before any generated method runs, so the JIT never compiles one without the directive
    SeparateSweepMethods.install();
  }

  protected GeneratedModel(ModelLayout layout, BoundData data) {
    this.layout = layout;
    this.data = data;
    this.dimSizes = new int[layout.dims().size()];
    List<DimInfo> dims = new ArrayList<>();
    for (int k = 0; k < dimSizes.length; k++) {
      DimSpec d = layout.dims().get(k);
      Integer bound = data.dimSizes().get(d.name());
      int size = bound != null ? bound : d.fixedSize();
      if (size < 0) {
        throw new IllegalStateException("dim '" + d.name() + "' was not sized by the data binding");
      }
      dimSizes[k] = size;
      List<String> labels = data.dimLabels().get(d.name());
      dims.add(new DimInfo(d.name(), size, labels != null && labels.size() == size ? labels : numbered(size)));
    }
    this.arrays = new double[layout.arrays().size()][];
    for (int k = 0; k < arrays.length; k++) {
      arrays[k] = allocate(layout.arrays().get(k));
    }
    this.info = buildInfo(dims);
    this.parameterCount = info.parameterCount();
  }

  private static List<String> numbered(int size) {
    List<String> labels = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      labels.add(Integer.toString(i));
    }
    return labels;
  }

  /**
   * The most elements one array of a model may hold (8 GB of doubles). The compiler relies on it: the
   * flat offset of an index one step outside its dim ({@code x[k + 1, c]}) then cannot wrap around int,
   * so such indices need no check of their own (the JVM's bounds check sees them).
   */
  public static final int MAX_ARRAY_ELEMENTS = 1 << 30;

  private int sizeOf(List<String> dimNames) {
    long n = 1;
    for (String name : dimNames) {
      n = Math.min(1L << 40, n * dimSizes[dimIndex(name)]); // saturates: no long overflow for many dims
    }
    if (n > MAX_ARRAY_ELEMENTS) {
      throw new ModelFault("an array over the dims " + dimNames + " would hold " + n + " elements, more than the "
          + MAX_ARRAY_ELEMENTS + " one array may hold; check the sizes of these dims");
    }
    return (int) n;
  }

  private int dimIndex(String name) {
    for (int k = 0; k < layout.dims().size(); k++) {
      if (layout.dims().get(k).name().equals(name)) {
        return k;
      }
    }
    throw new IllegalStateException("unknown dim " + name);
  }

  private double[] allocate(ModelLayout.ArraySlot slot) {
    int size = sizeOf(slot.dims());
    switch (slot.fill()) {
      case INPUT: {
        double[] values = data.inputs().get(slot.name());
        if (values == null || values.length != size) {
          throw new IllegalStateException("input '" + slot.name() + "' was not bound with " + size + " values");
        }
        return values; // read-only by construction: generated code never stores into inputs
      }
      case CONSTANT:
        return broadcast(slot.values(), size, slot.name());
      default:
        return new double[size];
    }
  }

  /** The values themselves when there is one per element, else the single value repeated. */
  private static double[] broadcast(double[] values, int size, String what) {
    if (values.length == size) {
      return values.clone();
    }
    if (values.length != 1) {
      throw new IllegalStateException(what + ": " + values.length + " values for " + size + " elements");
    }
    double[] out = new double[size];
    Arrays.fill(out, values[0]);
    return out;
  }

  private ModelInfo buildInfo(List<DimInfo> dims) {
    List<ParamInfo> params = new ArrayList<>();
    int offset = 0;
    for (ModelLayout.ParamLayout p : layout.params()) {
      int size = sizeOf(p.dims());
      params.add(new ParamInfo(p.name(), p.dims(), offset, size,
          broadcast(p.priorMean(), size, p.name()), broadcast(p.priorSd(), size, p.name()),
          broadcast(p.lower(), size, p.name()), broadcast(p.upper(), size, p.name()),
          p.logScale(), p.unit(), p.description(), p.line()));
      offset += size;
    }
    List<OutputInfo> outputs = new ArrayList<>();
    for (ModelLayout.OutputLayout o : layout.outputs()) {
      ModelLayout.ArraySlot slot = layout.arrays().get(o.valueArray());
      int[] shape = new int[slot.dims().size()];
      for (int d = 0; d < shape.length; d++) {
        shape[d] = dimSizes[dimIndex(slot.dims().get(d))];
      }
      outputs.add(new OutputInfo(o.name(), slot.dims(), shape, o.unit(), o.role(), o.description()));
    }
    return new ModelInfo(layout.name(), layout.title(), layout.sourceFile(), dims, params, outputs, layout.observations());
  }

  /** The layout this instance was built from. */
  public final ModelLayout layout() {
    return layout;
  }

  /** The data this instance was bound to. */
  public final BoundData data() {
    return data;
  }

  /** The tape, for memory measurements. */
  public final Tape tape() {
    return tape;
  }

  @Override
  public final ModelInfo info() {
    return info;
  }

  @Override
  public final double cost(double[] p) {
    checkLength("p", p);
    try {
      lastCost = runForward(p);
    } catch (IndexOutOfBoundsException | ArithmeticException e) {
      throw new IndexFault(this, p, e);
    }
    checkUncertainties();
    return lastCost;
  }

  @Override
  public final double gradient(double[] p, double[] g) {
    checkLength("p", p);
    checkLength("g", g);
    tape.reset();
    try {
      lastCost = checkpointingScheduled() ? runGradientCheckpointed(p, g) : runGradient(p, g);
    } catch (IndexOutOfBoundsException | ArithmeticException e) {
      throw new IndexFault(this, p, e);
    }
    checkUncertainties();
    return lastCost;
  }

  @Override
  public final double tangent(double[] p, double[] dp) {
    checkLength("p", p);
    checkLength("dp", dp);
    double[] result = new double[2];
    try {
      runTangent(p, dp, result);
    } catch (IndexOutOfBoundsException | ArithmeticException e) {
      throw new IndexFault(this, p, e);
    }
    checkUncertainties();
    lastCost = result[0];
    return result[1];
  }

  @Override
  public final double hessianVector(double[] p, double[] v, double[] hv) {
    checkLength("p", p);
    checkLength("v", v);
    checkLength("hv", hv);
    tape.reset();
    try {
      lastCost = checkpointingScheduled() ? runHessianVectorCheckpointed(p, v, hv) : runHessianVector(p, v, hv);
    } catch (IndexOutOfBoundsException | ArithmeticException e) {
      throw new IndexFault(this, p, e);
    }
    checkUncertainties();
    return lastCost;
  }

  /**
   * {@link #checkpointing()}; when true, first tells the schedule the plain tape of all the
   * checkpointed loops, so that each loop plans within its share of the budget ({@link
   * Revolve#modelTapeBytes}).
   */
  private boolean checkpointingScheduled() {
    if (!checkpointing()) {
      return false;
    }
    tape.schedule().modelTapeBytes(runPlainTapeBytes());
    return true;
  }

  /**
   * True when gradients and Hessian-vector products run the checkpointed sweeps: by default, when the
   * tape the plain gradient would record in the loops that can be checkpointed ({@link #plainTapeBytes})
   * exceeds the tape budget ({@link #setTapeBudget}).
   */
  public final boolean checkpointing() {
    if (checkpointing == null) {
      checkpointing = runPlainTapeBytes() > tapeBudget();
    }
    return checkpointing;
  }

  /**
   * Forces the checkpointed sweeps on or off for this instance (comparisons, benchmarks). Turning them
   * on for a model compiled without any has no effect: the plain sweeps run.
   */
  public final void setCheckpointing(boolean on) {
    checkpointing = on;
  }

  /**
   * Sets the tape budget (bytes) and lets it decide again whether to checkpoint, overriding an earlier
   * {@link #setCheckpointing}. The checkpointed sweeps plan their schedule within it too (the binomial
   * schedule, {@link Revolve}: snapshots and one leaf's tape together stay under it). Default: {@link
   * TapeBudget#fromSystemProperty()}.
   */
  public final void setTapeBudget(long bytes) {
    tape.schedule().budget(bytes);
    checkpointing = null;
  }

  /** The tape budget in bytes. */
  public final long tapeBudget() {
    return tape.schedule().budget();
  }

  /**
   * The bytes the plain gradient records in the loops the checkpointed gradient splits, for the bound
   * dims (0 when the model has no such loop); the checkpointed gradient holds at most the tape budget
   * of snapshots and tape in each such loop (the nested schedule about 2√T steps' worth for T steps).
   */
  public final double plainTapeBytes() {
    return runPlainTapeBytes();
  }

  @Override
  public final double lastCost() {
    return lastCost;
  }

  @Override
  public final double[] output(int k) {
    return arrays[layout.outputs().get(k).valueArray()];
  }

  @Override
  public final double[] outputTangent(int k) {
    int t = layout.outputs().get(k).tangentArray();
    if (t < 0) {
      return new double[arrays[layout.outputs().get(k).valueArray()].length];
    }
    return arrays[t];
  }

  /**
   * Refuses an observation uncertainty that is zero or negative (the cost squares it: a negative sd would
   * pass unnoticed, a zero one divides by zero). One pass over the sd arrays the sweep just filled, a
   * fraction of the sweep's own cost; missing observations hold NaN there and are skipped.
   */
  private void checkUncertainties() {
    List<ObservationInfo> observations = info.observations();
    for (int k = 0; k < observations.size(); k++) {
      ObservationInfo o = observations.get(k);
      double[] sd = output(o.sdOutput());
      for (int e = 0; e < sd.length; e++) {
        if (sd[e] <= 0) {
          throw new ModelFault(badUncertainty(o, e, sd[e]));
        }
      }
    }
  }

  private String badUncertainty(ObservationInfo o, int element, double value) {
    OutputInfo out = info.outputs().get(o.sdOutput());
    StringBuilder at = new StringBuilder();
    int rest = element;
    String[] parts = new String[out.dims().size()];
    for (int d = out.dims().size() - 1; d >= 0; d--) {
      int size = Math.max(1, out.shape()[d]);
      int index = rest % size;
      rest /= size;
      String name = out.dims().get(d);
      List<String> labels = info.dim(name).labels();
      String label = labels.get(index);
      parts[d] = name + " = " + index + (label.equals(Integer.toString(index)) ? "" : " ('" + label + "')");
    }
    at.append(parts.length == 0 ? "" : " at " + String.join(", ", parts));
    return "The uncertainty (sd) of observe " + o.label() + " (model line " + o.line() + ") is " + value + at
        + "; an observation's sd must be positive. Check the uncertainty column of the data (a negative or zero value"
        + " in that row) or the sd expression.";
  }

  private void checkLength(String what, double[] a) {
    if (a.length != parameterCount) {
      throw new IllegalArgumentException(what + " has " + a.length + " elements; the model has " + parameterCount + " parameter slots");
    }
  }

  /** Forward model: returns the observation cost. */
  protected abstract double runForward(double[] p);

  /** Forward and reverse sweeps: fills g, returns the cost. Generated when the model was differentiated. */
  protected double runGradient(double[] p, double[] g) {
    throw notGenerated("gradient");
  }

  /** Tangent-linear model: result[0] = cost, result[1] = directional derivative. */
  protected void runTangent(double[] p, double[] dp, double[] result) {
    throw notGenerated("tangent");
  }

  /** Forward-over-reverse: fills hv, returns the cost. */
  protected double runHessianVector(double[] p, double[] v, double[] hv) {
    throw notGenerated("hessianVector");
  }

  /** The gradient with long loops checkpointed; generated when the model has such a loop. */
  protected double runGradientCheckpointed(double[] p, double[] g) {
    return runGradient(p, g);
  }

  /** The Hessian-vector product with long loops checkpointed; generated with {@link #runGradientCheckpointed}. */
  protected double runHessianVectorCheckpointed(double[] p, double[] v, double[] hv) {
    return runHessianVector(p, v, hv);
  }

  /** The bytes the plain gradient records in the loops the checkpointed sweeps split; generated with them. */
  protected double runPlainTapeBytes() {
    return 0;
  }

  private UnsupportedOperationException notGenerated(String what) {
    return new UnsupportedOperationException("the " + what + " code of model '" + info.name() + "' was not generated (compiled without derivatives)");
  }
}
