package org.phloem.compiler.codegen;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrInterpreter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.data.BoundData;

class ClassEmitterTest {

  @Test
  void emittedClass_passesCheckClassAdapter() {
    byte[] bytes = ClassEmitter.emit(SampleIr.program());
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(bytes), getClass().getClassLoader(), false, new PrintWriter(problems));
    assertEquals("", problems.toString());
  }

  @Test
  void aLoopThatOnlySetsElementsToAConstant_isOneCallToKernelsFill() {
    // SampleIr's three such loops (part of w, an empty range, w[0] downwards); the property below runs them
    String constants = new String(ClassEmitter.emit(SampleIr.program()), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertTrue(constants.contains("([DIID)V"), "Kernels.fill(double[], int, int, double) is called");
    Stmt.For fill = new Stmt.For("k", IExpr.of(0), IExpr.of(3), false, List.of(new Stmt.Assign(new Ref.Elem("w", IExpr.local("k")), Expr.num(0), 1)), 1);
    assertNotNull(StatementEmitter.constantFill(fill));
    assertNull(StatementEmitter.constantFill(new Stmt.For("k", IExpr.of(0), IExpr.of(3), false,
        List.of(new Stmt.Assign(new Ref.Elem("w", IExpr.plus(IExpr.of(1), IExpr.local("k"))), Expr.num(0), 1)), 1)), "not every visited element");
    assertNull(StatementEmitter.constantFill(new Stmt.For("k", IExpr.of(0), IExpr.of(3), false,
        List.of(new Stmt.Assign(new Ref.Elem("w", IExpr.local("k")), Expr.local("s"), 1)), 1)), "not a constant");
    assertNull(StatementEmitter.constantFill(new Stmt.For("k", IExpr.of(0), IExpr.of(3), false,
        List.of(fill.body().get(0), fill.body().get(0)), 1)), "more than the one store");
  }

  @Property(tries = 50)
  void compiledForward_equalsInterpreterBitForBit(
      @ForAll @Size(min = 1, max = 12) List<@DoubleRange(min = -3, max = 3) Double> xs,
      @ForAll @DoubleRange(min = -2, max = 2) double a,
      @ForAll @DoubleRange(min = -2, max = 2) double b0,
      @ForAll @DoubleRange(min = -2, max = 2) double b1) {
    IrProgram program = SampleIr.program();
    double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
    if (x.length > 2) {
      x[2] = Double.NaN; // exercise the missing-value branch
    }
    double[] p = {a, b0, b1};

    CompiledModel model = LoadedModel.load(program)
        .bind(new BoundData(Map.of("day", x.length), Map.of(), Map.of("x", x)));
    double compiled = model.cost(p);

    Map<String, double[]> arrays = new HashMap<>();
    arrays.put("x", x);
    arrays.put("b", new double[2]);
    arrays.put("y", new double[x.length]);
    arrays.put("w", new double[2]);
    arrays.put("p", p.clone());
    double interpreted = new IrInterpreter(arrays, Map.of("day", x.length, "two", 2)).run(program.function("forward"))[0];

    assertEquals(Double.doubleToLongBits(interpreted), Double.doubleToLongBits(compiled), "cost");
    assertArrayEquals(arrays.get("y"), model.output(0), 0.0, "output y");
  }

  @Test
  void copy_givesIndependentInstanceWithSameResults() {
    double[] x = {0.5, 1.0, -0.2, 2.0};
    CompiledModel model = LoadedModel.load(SampleIr.program())
        .bind(new BoundData(Map.of("day", x.length), Map.of(), Map.of("x", x)));
    CompiledModel other = model.copy();
    assertNotSame(model, other);
    double[] p = {0.3, 1.2, -0.7};
    assertEquals(model.cost(p), other.cost(p));
    assertNotSame(model.output(0), other.output(0));
  }

  @Test
  void derivativesNotGenerated_sayWhich() {
    double[] x = {1.0};
    CompiledModel model = LoadedModel.load(SampleIr.program())
        .bind(new BoundData(Map.of("day", 1), Map.of(), Map.of("x", x)));
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> model.gradient(new double[3], new double[3]));
    assertTrue(e.getMessage().contains("gradient code of model 'sample'"), e.getMessage());
  }
}
