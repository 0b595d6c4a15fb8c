package org.phloem.compiler.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.ast.ArrayDecl;
import org.phloem.compiler.ast.ConstDecl;
import org.phloem.compiler.ast.DataDecl;
import org.phloem.compiler.ast.Decl;
import org.phloem.compiler.ast.DimDecl;
import org.phloem.compiler.ast.Expr;
import org.phloem.compiler.ast.FnDecl;
import org.phloem.compiler.ast.InputDecl;
import org.phloem.compiler.ast.Item;
import org.phloem.compiler.ast.ModelDecl;
import org.phloem.compiler.ast.Node;
import org.phloem.compiler.ast.ParamDecl;
import org.phloem.compiler.ast.StateDecl;
import org.phloem.compiler.ast.Stmt;
import org.phloem.compiler.ast.VarDecl;
import org.phloem.compiler.diag.InternalCompilerError;
import org.phloem.compiler.source.SourceFile;

/**
 * A model that passed every check, with everything the checker worked out, so that lowering never
 * repeats an analysis. Immutable.
 *
 * <p>The AST is unchanged; meaning is kept in side tables keyed by node identity: {@link #ref} for
 * every name-use, {@link #type} and {@link #unit(Expr)} for every expression, and per-declaration
 * tables for dims, fixed sizes, units, const values and param priors.
 */
public final class CheckedModel {
  private final ModelDecl model;
  private final SourceFile mainFile;
  private final List<Item> items;
  private final Map<String, Decl> byName;
  private final Map<Node, Ref> refs;
  private final Map<Expr, Type> types;
  private final Map<Expr, UnitValue> units;
  private final Map<Decl, Unit> declUnits;
  private final Map<ArrayDecl, List<DimDecl>> dims;
  private final Map<DimDecl, Integer> dimSizes;
  private final Map<ConstDecl, ConstValue> constValues;
  private final Map<ParamDecl, ParamPrior> priors;

  CheckedModel(ModelDecl model, SourceFile mainFile, List<Item> items, CheckContext ctx,
      DeclChecker decls) {
    this.model = model;
    this.mainFile = mainFile;
    this.items = List.copyOf(items);
    Map<String, Decl> names = new LinkedHashMap<>();
    for (Item i : items) {
      if (i instanceof Decl && !(i instanceof ModelDecl)) {
        names.put(((Decl) i).name().name(), (Decl) i);
      }
    }
    this.byName = Collections.unmodifiableMap(names);
    this.refs = frozen(ctx.refs);
    this.types = frozen(ctx.types);
    this.units = frozen(ctx.units);
    this.declUnits = frozen(ctx.declUnits);
    this.dims = frozen(ctx.dims);
    this.dimSizes = frozen(decls.dimSizes);
    this.constValues = frozen(decls.constValues);
    this.priors = frozen(decls.priors);
  }

  private static <K, V> Map<K, V> frozen(Map<K, V> m) {
    return Collections.unmodifiableMap(new IdentityHashMap<>(m));
  }

  // ---------------------------------------------------------------- the model as a whole

  /** The model's name ({@code model dalec ...}). */
  public String name() {
    return model.name().name();
  }

  /** The model's description string, or null. */
  public String description() {
    return model.description();
  }

  /** The {@code model} declaration. */
  public ModelDecl modelDecl() {
    return model;
  }

  /** The main model file. */
  public SourceFile mainFile() {
    return mainFile;
  }

  /**
   * Declarations (except {@code model}) and top-level statements in source order, with each include
   * replaced by the items of the included file (each file merged once, at its first include).
   */
  public List<Item> items() {
    return items;
  }

  /** The declarations (except {@code model}) in source order. */
  public List<Decl> declarations() {
    return only(Decl.class);
  }

  /** The top-level statements in the order they run. */
  public List<Stmt> statements() {
    return only(Stmt.class);
  }

  /** The declarations of one record type, in source order (e.g. {@code ofType(ParamDecl.class)}). */
  public <T extends Decl> List<T> ofType(Class<T> type) {
    return only(type);
  }

  private <T> List<T> only(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Item i : items) {
      if (type.isInstance(i) && !(i instanceof ModelDecl)) {
        out.add(type.cast(i));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Dims in source order. */
  public List<DimDecl> dims() {
    return only(DimDecl.class);
  }

  /** Params in source order. */
  public List<ParamDecl> params() {
    return only(ParamDecl.class);
  }

  /** Inputs in source order. */
  public List<InputDecl> inputs() {
    return only(InputDecl.class);
  }

  /** Consts in source order. */
  public List<ConstDecl> consts() {
    return only(ConstDecl.class);
  }

  /** States in source order. */
  public List<StateDecl> states() {
    return only(StateDecl.class);
  }

  /** Vars and outputs in source order ({@link VarDecl#output()} tells them apart). */
  public List<VarDecl> vars() {
    return only(VarDecl.class);
  }

  /** Fns in source order. */
  public List<FnDecl> functions() {
    return only(FnDecl.class);
  }

  /** Data tables in source order. */
  public List<DataDecl> dataTables() {
    return only(DataDecl.class);
  }

  /** The declaration called {@code name}, or null. */
  public Decl lookup(String name) {
    return byName.get(name);
  }

  // ---------------------------------------------------------------- per declaration

  /** The dims of a value declaration, outermost first (empty for a scalar). */
  public List<DimDecl> dimsOf(ArrayDecl d) {
    return require(dims, d, "dims");
  }

  /** A dim's declared size, or -1 when the data decides it. */
  public int fixedSize(DimDecl d) {
    return require(dimSizes, d, "size");
  }

  /** The declared unit of a declaration, or null when it has none. */
  public Unit unit(Decl d) {
    return declUnits.get(d);
  }

  /** A const's value(s). */
  public ConstValue constValue(ConstDecl c) {
    return require(constValues, c, "value");
  }

  /** A param's prior and bounds, evaluated. */
  public ParamPrior prior(ParamDecl p) {
    return require(priors, p, "prior");
  }

  // ---------------------------------------------------------------- per node

  /**
   * What a name-use refers to. Keys are the nodes that use names: {@code NameExpr}, {@code IndexExpr},
   * {@code CallExpr} (a {@link Ref.DeclRef} to a {@link FnDecl} or a {@link Ref.BuiltinRef}), {@code
   * SizeExpr} and {@code DimIndex} (a {@link Ref.DeclRef} to the {@link DimDecl}), {@code AssignStmt}
   * (its target).
   */
  public Ref ref(Node use) {
    return require(refs, use, "reference");
  }

  /** The type of an expression. */
  public Type type(Expr e) {
    return require(types, e, "type");
  }

  /** The unit of an expression when the checker knows it, else null. */
  public Unit unit(Expr e) {
    UnitValue u = units.get(e);
    return u == null ? null : u.unit();
  }

  private static <K, V> V require(Map<K, V> table, K key, String what) {
    V v = table.get(key);
    if (v == null) {
      throw new InternalCompilerError("no " + what + " recorded for " + key);
    }
    return v;
  }
}
