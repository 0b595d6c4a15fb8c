package org.phloem.compiler.ir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.phloem.runtime.ModelLayout;

/**
 * A program with the model-file line of each statement replaced by the statement's number (its place
 * in a walk of the program, from 1; 0, generated code, stays 0), and the lines to put back. Two
 * programs that differ only in the lines their code came from (a comment or a blank line added or
 * removed, in any of the model's files) number to the same code ({@link #sameCode}): for
 * {@code phloem watch}, which then reuses the derivatives of the numbered code, its statement numbers
 * turned back into the new program's lines ({@link #restore}).
 */
public final class LineNumbers {
  private final IrProgram program;
  private final IrProgram numbered;
  private final List<Integer> lines = new ArrayList<>();

  private LineNumbers(IrProgram program) {
    this.program = program;
    lines.add(0);
    Map<String, IrFunction> functions = new LinkedHashMap<>();
    for (IrFunction f : program.functions().values()) {
      functions.put(f.name(), new IrFunction(f.name(), f.arguments(), f.results(), f.locals(), number(f.body())));
    }
    this.numbered = new IrProgram(program.name(), program.title(), program.sourceFile(), program.tables(), program.dims(),
        program.inputs(), program.params(), program.arrays(), program.outputs(), program.observations(), functions);
  }

  /** {@code program}'s statements numbered. */
  public static LineNumbers of(IrProgram program) {
    return new LineNumbers(program);
  }

  /** The program as given. */
  public IrProgram program() {
    return program;
  }

  /** The program with each statement's line replaced by its number. */
  public IrProgram numbered() {
    return numbered;
  }

  /**
   * Whether the two programs are the same code: their numbered functions equal, their declarations
   * equal but for lines (constant arrays compared by content).
   */
  public boolean sameCode(LineNumbers other) {
    return same(other, true);
  }

  /**
   * As {@link #sameCode}, but whatever the constant arrays hold: code generation never reads their
   * values (the runtime fills them from the layout), so two such programs emit the same class.
   */
  public boolean sameCodeWhateverTheConstants(LineNumbers other) {
    return same(other, false);
  }

  private boolean same(LineNumbers other, boolean values) {
    IrProgram a = numbered;
    IrProgram b = other.numbered;
    return a.functions().size() == b.functions().size() && a.name().equals(b.name()) && Objects.equals(a.title(), b.title())
        && Objects.equals(a.sourceFile(), b.sourceFile()) && sameRecords(a.tables(), b.tables()) && sameRecords(a.dims(), b.dims())
        && sameRecords(a.inputs(), b.inputs()) && sameRecords(a.params(), b.params()) && sameArrays(a.arrays(), b.arrays(), values)
        && a.outputs().equals(b.outputs()) && sameRecords(a.observations(), b.observations()) && a.functions().equals(b.functions());
  }

  private static boolean sameArrays(List<ModelLayout.ArraySlot> a, List<ModelLayout.ArraySlot> b, boolean values) {
    if (values) {
      return sameRecords(a, b);
    }
    if (a.size() != b.size()) {
      return false;
    }
    for (int k = 0; k < a.size(); k++) {
      ModelLayout.ArraySlot x = a.get(k);
      ModelLayout.ArraySlot y = b.get(k);
      if (!x.name().equals(y.name()) || !x.dims().equals(y.dims()) || x.fill() != y.fill()) {
        return false;
      }
    }
    return true;
  }

  /** {@code f}, code derived from the numbered program, with the program's lines put back. */
  public IrFunction restore(IrFunction f) {
    return new IrFunction(f.name(), f.arguments(), f.results(), f.locals(), restore(f.body()));
  }

  private List<Stmt> number(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>(body.size());
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign a) {
        out.add(new Stmt.Assign(a.target(), a.value(), next(a.line())));
      } else if (s instanceof Stmt.For f) {
        int n = next(f.line());
        out.add(new Stmt.For(f.index(), f.from(), f.to(), f.descending(), number(f.body()), n));
      } else if (s instanceof Stmt.If i) {
        int n = next(i.line());
        out.add(new Stmt.If(i.cond(), number(i.then()), number(i.otherwise()), n));
      } else {
        out.add(s); // the other statements have no line
      }
    }
    return out;
  }

  private int next(int line) {
    if (line == 0) {
      return 0;
    }
    lines.add(line);
    return lines.size() - 1;
  }

  private List<Stmt> restore(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>(body.size());
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign a) {
        out.add(new Stmt.Assign(a.target(), a.value(), line(a.line())));
      } else if (s instanceof Stmt.For f) {
        out.add(new Stmt.For(f.index(), f.from(), f.to(), f.descending(), restore(f.body()), line(f.line())));
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.cond(), restore(i.then()), restore(i.otherwise()), line(i.line())));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private int line(int number) {
    if (number < 0 || number >= lines.size()) {
      throw new IllegalStateException("internal error: statement number " + number + " is not one of the program's");
    }
    return lines.get(number);
  }

  private static boolean sameRecords(List<?> a, List<?> b) {
    if (a.size() != b.size()) {
      return false;
    }
    Iterator<?> i = b.iterator();
    for (Object x : a) {
      if (!same(x, i.next())) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(Object x, Object y) {
    if (x == null || y == null || x.getClass() != y.getClass()) {
      return x == y;
    }
    if (x instanceof double[] d) {
      return Arrays.equals(d, (double[]) y);
    }
    if (x instanceof List<?> l) {
      return sameRecords(l, (List<?>) y);
    }
    if (!x.getClass().isRecord()) {
      return x.equals(y);
    }
    for (RecordComponent c : x.getClass().getRecordComponents()) {
      if (!c.getName().equals("line") && !same(value(c, x), value(c, y))) {
        return false;
      }
    }
    return true;
  }

  private static Object value(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c + " of a declaration", e);
    }
  }
}
