package org.phloem.compiler.lower;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.ast.ArrayDecl;
import org.phloem.compiler.ast.ConstDecl;
import org.phloem.compiler.ast.DataDecl;
import org.phloem.compiler.ast.DimDecl;
import org.phloem.compiler.ast.Ident;
import org.phloem.compiler.ast.InputDecl;
import org.phloem.compiler.ast.ObserveStmt;
import org.phloem.compiler.ast.ParamDecl;
import org.phloem.compiler.ast.StateDecl;
import org.phloem.compiler.ast.UnitAnnotation;
import org.phloem.compiler.ast.VarDecl;
import org.phloem.compiler.check.CheckedModel;
import org.phloem.compiler.check.ParamPrior;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrOutput;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;
import org.phloem.compiler.optimize.Optimize;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.ObservationInfo;
import org.phloem.runtime.OutputInfo;
import org.phloem.runtime.data.DimSpec;
import org.phloem.runtime.data.InputSpec;
import org.phloem.runtime.data.TableSpec;

/** Lowers a checked model to its forward IR program (see the package documentation). */
public final class Lowering {
  /**
   * The IR local holding the observation cost: this name, or {@code J$2} when the model declares its
   * own {@code J} (the forward function's first result is always the cost).
   */
  public static final String COST = "J";
  /** The argument array holding the parameter vector. */
  public static final String PARAMS = "p";

  private final CheckedModel model;
  private final FreshNames names = new FreshNames();
  private final Map<ArrayDecl, Place> places = new IdentityHashMap<>();
  private final List<ModelLayout.ArraySlot> arrays = new ArrayList<>();
  private final List<IrOutput> outputs = new ArrayList<>();
  private final List<ObservationInfo> observations = new ArrayList<>();
  private final ExprLowering exprs;
  /** False when lowering for the index-fault diagnosis, which maps each element reference back to the source. */
  private boolean optimize = true;

  private Lowering(CheckedModel model) {
    this.model = model;
    this.exprs = new ExprLowering(model, places, names, new Indexing(model), new Env());
  }

  /** The forward IR of {@code model}. */
  public static IrProgram lower(CheckedModel model) {
    return new Lowering(model).program();
  }

  /** The forward IR of {@code model} with the given run-time index checks (to measure what they cost). */
  public static IrProgram lower(CheckedModel model, IndexChecks checks) {
    Lowering l = new Lowering(model);
    l.exprs.indexing().checks(checks);
    return l.program();
  }

  /**
   * The forward IR of {@code model} as the model wrote it: every expression computed where it stands,
   * none moved out of its loop or merged with an equal one ({@code optimize}), so that a fault found by
   * running it is reported at the line and loop indices it occurs at (the diagnoses).
   */
  public static IrProgram lowerAsWritten(CheckedModel model) {
    Lowering l = new Lowering(model);
    l.optimize = false;
    return l.program();
  }

  /**
   * The forward IR of {@code model}, recording in {@code accesses} (an identity map) every element
   * reference of a model variable with its per-dim indices (for the index-fault diagnosis).
   */
  public static IrProgram lower(CheckedModel model, Map<Ref.Elem, ElementAccess> accesses) {
    return lower(model, accesses, new IdentityHashMap<>());
  }

  /**
   * {@link #lower(CheckedModel, Map)}, also recording in {@code arithmetic} (an identity map) the model's
   * expression each integer operation of its index arithmetic was lowered from (for the diagnosis of an
   * overflow or a remainder by zero).
   */
  public static IrProgram lower(CheckedModel model, Map<Ref.Elem, ElementAccess> accesses,
      Map<IExpr.Bin, org.phloem.compiler.ast.Expr> arithmetic) {
    Lowering l = new Lowering(model);
    l.exprs.recordAccesses(accesses);
    l.exprs.recordArithmetic(arithmetic);
    l.optimize = false;
    l.exprs.indexing().checks(IndexChecks.NONE);
    return l.program();
  }

  private IrProgram program() {
    names.avoid(PARAMS);
    List<DimSpec> dims = new ArrayList<>();
    for (DimDecl d : model.dims()) {
      dims.add(new DimSpec(d.name().name(), model.fixedSize(d), line(d.name())));
    }
    List<TableSpec> tables = new ArrayList<>();
    for (DataDecl t : model.dataTables()) {
      tables.add(new TableSpec(t.name().name(), t.path(), line(t.name()), t.along() == null ? null : t.along().name(),
          RowConditions.of(t.where())));
    }
    List<InputSpec> inputs = declareInputs();
    declareConsts();
    List<ModelLayout.ParamLayout> params = declareParams();
    declareStatesAndVars();
    List<ObserveLowering.Arrays> observeArrays = declareObservations();
    String cost = names.real(COST); // after the model's names, which keep theirs

    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Assign(new Ref.Local(cost), Expr.num(0), 0));
    copyParameters(body);
    initialise(body);
    StmtLowering statements = new StmtLowering(exprs);
    List<ObserveStmt> observes = new ArrayList<>();
    for (org.phloem.compiler.ast.Stmt s : model.statements()) {
      if (s instanceof ObserveStmt) {
        observes.add((ObserveStmt) s); // observation terms are declarative: they run after the model
      } else {
        statements.stmt(s, body);
      }
    }
    ObserveLowering observe = new ObserveLowering(exprs);
    for (int k = 0; k < observes.size(); k++) {
      observe.lower(observes.get(k), observeArrays.get(k), cost, body);
    }
    boolean[] fitted = new boolean[observes.size()];
    body = FittedSds.prune(body, observe.logSdTerms(), PARAMS, cost, fitted);
    for (int k = 0; k < observes.size(); k++) {
      observations.set(k, observations.get(k).withSdFitted(fitted[k]));
    }
    Map<String, ScalarType> locals = names.locals();
    if (optimize) {
      List<Stmt> lowered = body;
      body = Optimize.body(lowered, Set.of(cost), names::real);
      locals = Optimize.stillUsed(names.locals(), lowered, body);
    }
    IrFunction forward = new IrFunction("forward", List.of(PARAMS), List.of(cost), locals, body);
    String title = model.description() == null ? "" : model.description();
    return new IrProgram(model.name(), title, model.mainFile().displayPath(), tables, dims, inputs, params,
        arrays, outputs, observations, Map.of("forward", forward));
  }

  // ------------------------------------------------------------------------------- declarations

  private List<InputSpec> declareInputs() {
    Set<InputDecl> observed = ObservedInputs.of(model);
    List<InputSpec> inputs = new ArrayList<>();
    for (InputDecl in : model.inputs()) {
      String name = in.name().name();
      inputs.add(new InputSpec(name, dimNames(in), in.table() == null ? null : in.table().name(), in.columnName(),
          in.allowMissing() || observed.contains(in), line(in.name()), in.unit() == null ? null : in.unit().text()));
      array(in, name, ModelLayout.Fill.INPUT, null);
    }
    return inputs;
  }

  private void declareConsts() {
    for (ConstDecl c : model.consts()) {
      if (!c.dims().isEmpty()) {
        array(c, c.name().name(), ModelLayout.Fill.CONSTANT, model.constValue(c).values());
      }
    }
  }

  private List<ModelLayout.ParamLayout> declareParams() {
    List<ModelLayout.ParamLayout> params = new ArrayList<>();
    for (ParamDecl p : model.params()) {
      String name = p.name().name();
      ParamPrior prior = model.prior(p);
      double[] sd = prior.flat() ? new double[] {Double.POSITIVE_INFINITY} : prior.sd();
      params.add(new ModelLayout.ParamLayout(name, dimNames(p), prior.mean(), sd, new double[] {prior.lower()},
          new double[] {prior.upper()}, prior.log(), unitText(p.unit()), text(p.description()), line(p.name())));
      if (p.dims().isEmpty()) {
        local(p, name);
      } else {
        array(p, name, ModelLayout.Fill.WORK, null);
      }
    }
    return params;
  }

  private void declareStatesAndVars() {
    for (StateDecl s : model.states()) {
      if (s.dims().isEmpty()) {
        local(s, s.name().name());
      } else {
        array(s, s.name().name(), ModelLayout.Fill.WORK, null);
      }
    }
    for (VarDecl v : model.vars()) {
      String name = v.name().name();
      if (v.dims().isEmpty() && !v.output()) {
        local(v, name);
      } else {
        array(v, name, ModelLayout.Fill.WORK, null); // a scalar output is a one-element array the runtime reads
      }
      if (v.output()) {
        outputs.add(new IrOutput(name, unitText(v.unit()), OutputInfo.Role.OUTPUT, name, null,
            v.description() == null ? "" : v.description()));
      }
    }
  }

  private List<ObserveLowering.Arrays> declareObservations() {
    List<ObserveLowering.Arrays> all = new ArrayList<>();
    int k = 0;
    for (org.phloem.compiler.ast.Stmt s : model.statements()) {
      if (!(s instanceof ObserveStmt)) {
        continue;
      }
      ObserveStmt o = (ObserveStmt) s;
      k++;
      List<DimDecl> dims = new ArrayList<>();
      for (var index : o.indices()) {
        dims.add(exprs.dimOf(index));
      }
      List<String> dimNames = dims.stream().map(d -> d.name().name()).toList();
      String label = SourceText.of(o.modelled().span());
      String base = "obs" + k + "$";
      String unit = unitText(null);
      int modelIndex = outputs.size();
      for (String part : List.of("model", "value", "sd")) {
        arrays.add(new ModelLayout.ArraySlot(base + part, dimNames, ModelLayout.Fill.WORK, null));
      }
      outputs.add(new IrOutput(label + " (modelled)", unit, OutputInfo.Role.OBSERVATION_MODEL, base + "model", null));
      outputs.add(new IrOutput(label + " (observed)", unit, OutputInfo.Role.OBSERVATION_VALUE, base + "value", null));
      outputs.add(new IrOutput(label + " (sd)", unit, OutputInfo.Role.OBSERVATION_SD, base + "sd", null));
      observations.add(new ObservationInfo(label, modelIndex, modelIndex + 1, modelIndex + 2, o.span().startLine(), o.likelihood(),
          constantOrNaN(o.nu()), false));
      all.add(new ObserveLowering.Arrays(base + "model", base + "value", base + "sd", dims));
    }
    return all;
  }

  /** A number or a scalar const's value (the degrees of freedom of a student_t, for the report); NaN otherwise. */
  private double constantOrNaN(org.phloem.compiler.ast.Expr e) {
    if (e instanceof org.phloem.compiler.ast.NumberLit n) {
      return n.value();
    }
    if (e != null && model.ref(e) instanceof org.phloem.compiler.check.Ref.DeclRef d && d.decl() instanceof ConstDecl c
        && c.dims().isEmpty()) {
      return model.constValue(c).scalar();
    }
    return Double.NaN;
  }

  private void local(ArrayDecl d, String name) {
    // The model's own name, unless it is the parameter vector's ('state p' becomes p$2).
    places.put(d, new Place(names.real(name), true, List.of()));
  }

  private void array(ArrayDecl d, String name, ModelLayout.Fill fill, double[] values) {
    names.avoid(name);
    List<DimDecl> dims = model.dimsOf(d);
    arrays.add(new ModelLayout.ArraySlot(name, dims.stream().map(x -> x.name().name()).toList(), fill, values));
    places.put(d, new Place(name, false, dims));
  }

  // ------------------------------------------------------------------------------- prologue

  /** Scalar parameters into their locals, indexed ones into their arrays, in slot order. */
  private void copyParameters(List<Stmt> body) {
    IExpr offset = IExpr.of(0);
    for (ParamDecl p : model.params()) {
      Place place = places.get(p);
      int line = line(p.name());
      if (place.scalarLocal()) {
        body.add(new Stmt.Assign(new Ref.Local(place.irName()), Expr.elem(PARAMS, offset), line));
        offset = IExpr.plus(offset, IExpr.of(1));
        continue;
      }
      String i = names.integer("slot");
      IExpr count = exprs.indexing().count(place.dims());
      body.add(new Stmt.For(i, IExpr.of(0), count, false, List.of(new Stmt.Assign(
          new Ref.Elem(place.irName(), IExpr.local(i)), Expr.elem(PARAMS, IExpr.plus(offset, IExpr.local(i))), line)), line));
      offset = IExpr.plus(offset, count);
    }
  }

  /** States to their initial values, vars and outputs to zero: every run starts afresh. */
  private void initialise(List<Stmt> body) {
    for (StateDecl s : model.states()) {
      Place place = places.get(s);
      int line = line(s.name());
      if (s.init() == null) {
        reset(place, body, line);
      } else if (place.scalarLocal()) {
        Expr value = exprs.real(s.init().elements().get(0), body);
        body.add(new Stmt.Assign(new Ref.Local(place.irName()), value, line));
      } else if (s.init().list()) {
        List<org.phloem.compiler.ast.Expr> elements = s.init().elements();
        for (int e = 0; e < elements.size(); e++) {
          Expr value = exprs.real(elements.get(e), body);
          body.add(new Stmt.Assign(new Ref.Elem(place.irName(), IExpr.of(e)), value, line));
        }
      } else {
        String value = names.real(s.name().name() + "_init");
        body.add(new Stmt.Assign(new Ref.Local(value), exprs.real(s.init().elements().get(0), body), line));
        fill(place, Expr.local(value), body, line);
      }
    }
    for (VarDecl v : model.vars()) {
      reset(places.get(v), body, line(v.name()));
    }
  }

  private void reset(Place place, List<Stmt> body, int line) {
    if (place.scalarLocal()) {
      body.add(new Stmt.Assign(new Ref.Local(place.irName()), Expr.num(0), line));
    } else {
      fill(place, Expr.num(0), body, line);
    }
  }

  private void fill(Place place, Expr value, List<Stmt> body, int line) {
    String i = names.integer("elem");
    body.add(new Stmt.For(i, IExpr.of(0), exprs.indexing().count(place.dims()), false,
        List.of(new Stmt.Assign(new Ref.Elem(place.irName(), IExpr.local(i)), value, line)), line));
  }

  // ------------------------------------------------------------------------------- small helpers

  private List<String> dimNames(ArrayDecl d) {
    return model.dimsOf(d).stream().map(x -> x.name().name()).toList();
  }

  private static int line(Ident name) {
    return name.span().startLine();
  }

  private static String unitText(UnitAnnotation unit) {
    return unit == null ? "" : unit.text();
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }
}
