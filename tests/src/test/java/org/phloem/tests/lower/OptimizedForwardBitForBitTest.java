package org.phloem.tests.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.phloem.tests.support.NearPriorPoints.point;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.phloem.compiler.codegen.ClassEmitter;
import org.phloem.compiler.codegen.LoadedModel;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.lower.Lowering;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.data.DataBinder;
import org.phloem.tests.bethy.BethySite;
import org.phloem.tests.support.Repo;

/**
 * The optimiser at the end of lowering ({@code compiler/.../optimize}: repeated locals merged, loop
 * invariants moved out of loops) changes how often an expression is computed, never its value: on every
 * shipped model whose forward IR it changes and whose data the tests have (BETHY at Hyytiälä, one year;
 * the CCDAS experiment's short period; the East-Asian network; the SDBM with its 1-D transport, on the
 * test data; BETHY-lite and the transport alone change the same ways), the forward compiled as
 * optimised and the forward compiled as the model wrote it ({@link Lowering#lowerAsWritten}) give the same
 * bits for the cost and for every element of every output, at the prior means and at a point moved off
 * them.
 */
class OptimizedForwardBitForBitTest {

  static Stream<Arguments> models() throws Exception {
    Path bethyYear = BethySite.oneYearDataRoot(Files.createTempDirectory("optimized-bethy"), 2003);
    return Stream.of(
        Arguments.of("bethy/hyytiala.phl", bethyYear),
        Arguments.of("ccdas/ccdas_short.phl", Repo.dataRoot(Repo.model("ccdas/ccdas_short.phl"))),
        Arguments.of("eastasia/network.phl", Repo.dataRoot(Repo.model("eastasia/network.phl"))),
        Arguments.of("sdbm/sdbm.phl", Repo.dataRoot(Repo.model("sdbm/sdbm.phl"))));
  }

  @ParameterizedTest
  @MethodSource("models")
  void optimisedAndAsWritten_giveTheSameBits(String model, Path dataRoot) throws Exception {
    Compilation c = Pipeline.compile(Repo.model(model), false);
    IrProgram asWritten = Lowering.lowerAsWritten(c.checked());
    // the optimiser did change this model's code (else the comparison proves nothing)
    assertNotEquals(IrPrinter.print(asWritten.function("forward")), IrPrinter.print(c.forward().function("forward")), model);
    ModelLayout layout = c.loaded().layout();
    BoundData data = DataBinder.bind(dataRoot, layout.tables(), layout.dims(), layout.inputs());
    CompiledModel optimised = c.loaded().bind(data);
    CompiledModel written = LoadedModel.load(asWritten, ClassEmitter.DEFAULT_BUDGET).bind(data);
    for (long seed = 0; seed < 2; seed++) {
      double[] p = point(optimised.info(), seed);
      String where = model + ", point " + seed;
      assertBits(written.cost(p), optimised.cost(p), where + ": cost");
      for (int k = 0; k < optimised.info().outputs().size(); k++) {
        double[] a = written.output(k);
        double[] b = optimised.output(k);
        assertEquals(a.length, b.length, where);
        for (int i = 0; i < a.length; i++) {
          assertBits(a[i], b[i], where + ": output " + optimised.info().outputs().get(k).name() + "[" + i + "]");
        }
      }
    }
  }

  private static void assertBits(double a, double b, String what) {
    assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b), () -> what + ": " + a + " as written, " + b + " optimised");
  }
}
