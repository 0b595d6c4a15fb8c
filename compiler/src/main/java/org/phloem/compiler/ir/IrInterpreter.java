package org.phloem.compiler.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.phloem.runtime.Tape;

/**
 * Runs an IR function directly, without bytecode: the reference the code generator is tested against
 * (both use {@link Prim#apply}, so their results agree bit for bit) and a way to test transforms
 * before any class is emitted.
 */
public final class IrInterpreter {
  private final Map<String, double[]> arrays;
  private final Map<String, Integer> dimSizes;
  private final Map<String, Double> reals = new HashMap<>();
  private final Map<String, Integer> ints = new HashMap<>();
  private final Tape tape = new Tape();
  private StoreListener listener;
  private AccessListener access;
  private Stmt.Assign current;
  // the loops running now, outermost first: left as they were when a throw stops the run, so that a
  // diagnosis can say at which loop indices it stopped
  private final List<Stmt.For> running = new ArrayList<>();

  /** A loop running at some moment and the value its index had then. */
  public record LoopAt(Stmt.For loop, int index) {}

  /**
   * Told of every value an {@link Stmt.Assign} is about to store, just before the store, so that it can
   * inspect the operands as they were (the numerical-fault diagnosis looks for the first value that is
   * not finite; in {@code x = x * r} it must see the old x).
   */
  public interface StoreListener {
    /**
     * @param assign the statement (its target, value and model line)
     * @param element the flat element index for an array target, -1 for a local
     * @param value the value about to be stored
     * @param state the interpreter, to evaluate the statement's operands and read loop indices
     */
    void storing(Stmt.Assign assign, int element, double value, IrInterpreter state);
  }

  /**
   * Told of every array element about to be read or written, before the access, so that an index out of
   * its dim's range can be named where it happens (the index-fault diagnosis); the generated code only
   * throws when the flat offset leaves the whole array.
   */
  public interface AccessListener {
    /**
     * @param ref the element reference (array name and flat index expression)
     * @param flat the flat index about to be used
     * @param length the array's length
     * @param state the interpreter, to evaluate index expressions and find the current statement
     */
    void accessing(Ref.Elem ref, int flat, int length, IrInterpreter state);
  }

  /**
   * @param arrays every array the function indexes, and its arguments, by name (modified in place)
   * @param dimSizes every dim's size
   */
  public IrInterpreter(Map<String, double[]> arrays, Map<String, Integer> dimSizes) {
    this.arrays = arrays;
    this.dimSizes = dimSizes;
  }

  /** Calls {@code l} before every assignment's store from now on (null: no listener). Returns this interpreter. */
  public IrInterpreter onStore(StoreListener l) {
    this.listener = l;
    return this;
  }

  /** Calls {@code l} before every array element access from now on (null: none). Returns this interpreter. */
  public IrInterpreter onAccess(AccessListener l) {
    this.access = l;
    return this;
  }

  /** The assignment being executed (for a listener), or null before the first. */
  public Stmt.Assign currentStatement() {
    return current;
  }

  /**
   * The loops running now, outermost first, with their indices' values (for a listener); after a throw
   * stopped the run (an {@link IntegerFault}, or a listener's own), the loops that were running at the
   * throw, until the next run.
   */
  public List<LoopAt> runningLoops() {
    List<LoopAt> out = new ArrayList<>(running.size());
    for (Stmt.For f : running) {
      out.add(new LoopAt(f, ints.get(f.index())));
    }
    return out;
  }

  /** The value of {@code e} in the current state (for a listener). */
  public double valueOf(Expr e) {
    return eval(e);
  }

  /** The value of {@code e} in the current state (for a listener). */
  public int valueOf(IExpr e) {
    return eval(e);
  }

  /** Runs {@code f}; returns the values of its result locals. Locals start at zero. */
  public double[] run(IrFunction f) {
    reals.clear();
    ints.clear();
    running.clear();
    f.locals().forEach((name, type) -> {
      if (type == ScalarType.REAL) {
        reals.put(name, 0.0);
      } else {
        ints.put(name, 0);
      }
    });
    block(f.body());
    double[] out = new double[f.results().size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = reals.get(f.results().get(k));
    }
    if (tape.depth() != 0) {
      throw new IllegalStateException("unbalanced tape after " + f.name() + ": " + tape.depth() + " values left");
    }
    return out;
  }

  private void block(List<Stmt> body) {
    for (Stmt s : body) {
      stmt(s);
    }
  }

  private void stmt(Stmt s) {
    if (s instanceof Stmt.Assign) {
      Stmt.Assign a = (Stmt.Assign) s;
      current = a;
      double v = eval(a.value());
      if (listener != null) {
        int element = a.target() instanceof Ref.Elem ? eval(((Ref.Elem) a.target()).index()) : -1;
        listener.storing(a, element, v, this);
      }
      store(a.target(), v);
    } else if (s instanceof Stmt.SetInt) {
      Stmt.SetInt a = (Stmt.SetInt) s;
      setInt(a.local(), eval(a.value()));
    } else if (s instanceof Stmt.For) {
      Stmt.For f = (Stmt.For) s;
      int from = eval(f.from());
      int to = eval(f.to());
      running.add(f);
      if (f.descending()) {
        for (int i = to - 1; i >= from; i--) {
          setInt(f.index(), i);
          block(f.body());
        }
      } else {
        for (int i = from; i < to; i++) {
          setInt(f.index(), i);
          block(f.body());
        }
      }
      running.remove(running.size() - 1);
    } else if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      block(test(i.cond()) ? i.then() : i.otherwise());
    } else if (s instanceof Stmt.Push) {
      tape.pushD(eval(((Stmt.Push) s).value()));
    } else if (s instanceof Stmt.Pop) {
      store(((Stmt.Pop) s).target(), tape.popD());
    } else if (s instanceof Stmt.PushInt) {
      tape.pushI(eval(((Stmt.PushInt) s).value()));
    } else if (s instanceof Stmt.PopInt) {
      setInt(((Stmt.PopInt) s).local(), tape.popI());
    } else if (s instanceof Stmt.Fill) {
      Stmt.Fill f = (Stmt.Fill) s;
      java.util.Arrays.fill(array(f.array()), f.value());
    } else if (s instanceof Stmt.Schedule) {
      schedule((Stmt.Schedule) s);
    } else {
      throw new AssertionError(s);
    }
  }

  private void setInt(String name, int value) {
    if (!ints.containsKey(name)) {
      throw new IllegalStateException("undeclared int local " + name);
    }
    ints.put(name, value);
  }

  private void store(Ref r, double v) {
    if (r instanceof Ref.Local) {
      if (!reals.containsKey(r.name())) {
        throw new IllegalStateException("undeclared real local " + r.name());
      }
      reals.put(r.name(), v);
    } else {
      double[] a = array(r.name());
      a[element((Ref.Elem) r, a)] = v;
    }
  }

  private int element(Ref.Elem r, double[] a) {
    int flat = eval(r.index());
    if (access != null) {
      access.accessing(r, flat, a.length, this);
    }
    return flat;
  }

  private double[] array(String name) {
    double[] a = arrays.get(name);
    if (a == null) {
      throw new IllegalStateException("no array " + name);
    }
    return a;
  }

  private double eval(Expr e) {
    if (e instanceof Expr.Num) {
      return ((Expr.Num) e).value();
    }
    if (e instanceof Expr.Get) {
      Ref r = ((Expr.Get) e).ref();
      if (r instanceof Ref.Local) {
        Double v = reals.get(r.name());
        if (v == null) {
          throw new IllegalStateException("undeclared real local " + r.name());
        }
        return v;
      }
      double[] a = array(r.name());
      return a[element((Ref.Elem) r, a)];
    }
    if (e instanceof Expr.ToReal) {
      return eval(((Expr.ToReal) e).value());
    }
    if (e instanceof Expr.Select) {
      Expr.Select s = (Expr.Select) e;
      return test(s.cond()) ? eval(s.ifTrue()) : eval(s.ifFalse());
    }
    Expr.Call c = (Expr.Call) e;
    double a = eval(c.args().get(0));
    double b = c.args().size() > 1 ? eval(c.args().get(1)) : 0.0;
    return c.prim().apply(a, b);
  }

  private int eval(IExpr e) {
    if (e instanceof IExpr.Const) {
      return ((IExpr.Const) e).value();
    }
    if (e instanceof IExpr.Local) {
      Integer v = ints.get(((IExpr.Local) e).name());
      if (v == null) {
        throw new IllegalStateException("undeclared int local " + ((IExpr.Local) e).name());
      }
      return v;
    }
    if (e instanceof IExpr.DimSize) {
      return dimSizes.get(((IExpr.DimSize) e).dim());
    }
    IExpr.Bin b = (IExpr.Bin) e;
    int x = eval(b.a());
    int y = eval(b.b());
    try {
      return b.apply(x, y);
    } catch (ArithmeticException failed) {
      throw new IntegerFault(b, x, y, failed);
    }
  }

  /**
   * Integer arithmetic that failed as the generated code would: an exact operation whose value left
   * int, or a remainder by zero. Says which operation, and its operands, so that the fault can be
   * traced to the model's source.
   */
  public static final class IntegerFault extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final transient IExpr.Bin operation;
    private final int left;
    private final int right;

    IntegerFault(IExpr.Bin operation, int left, int right, ArithmeticException cause) {
      super(cause.getMessage());
      initCause(cause);
      this.operation = operation;
      this.left = left;
      this.right = right;
    }

    /** The operation that failed (the very object in the IR). */
    public IExpr.Bin operation() {
      return operation;
    }

    /** Its left operand's value. */
    public int left() {
      return left;
    }

    /** Its right operand's value. */
    public int right() {
      return right;
    }
  }

  private boolean test(Cond c) {
    if (c instanceof Cond.Compare) {
      Cond.Compare k = (Cond.Compare) c;
      return k.op().test(eval(k.a()), eval(k.b()));
    }
    if (c instanceof Cond.IntCompare) {
      Cond.IntCompare k = (Cond.IntCompare) c;
      return k.op().test(eval(k.a()), eval(k.b()));
    }
    if (c instanceof Cond.And) {
      return test(((Cond.And) c).a()) && test(((Cond.And) c).b());
    }
    if (c instanceof Cond.Or) {
      return test(((Cond.Or) c).a()) || test(((Cond.Or) c).b());
    }
    if (c instanceof Cond.Not) {
      return !test(((Cond.Not) c).a());
    }
    if (c instanceof Cond.IsNaN) {
      return Double.isNaN(eval(((Cond.IsNaN) c).value()));
    }
    return ((Cond.Const) c).value();
  }

  /** Asks the tape's schedule, as the generated code does. */
  private void schedule(Stmt.Schedule c) {
    double[] a = new double[c.args().size()];
    for (int k = 0; k < a.length; k++) {
      a[k] = eval(c.args().get(k));
    }
    org.phloem.runtime.Revolve r = tape.schedule();
    int answer;
    switch (c.call()) {
      case START: answer = r.start(a[0], a[1], a[2], a[3]); break;
      case RESUME: answer = r.resume(a[0], a[1], a[2], a[3]); break;
      case LEAF: answer = r.leaf(); break;
      case RESTORE: answer = r.restore(a[0]); break;
      case LEGS: answer = r.legs(a[0]); break;
      case TARGET: answer = r.target(a[0]); break;
      default: throw new AssertionError(c.call());
    }
    setInt(c.result(), answer);
  }
}
