package org.phloem.tests.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phloem.tests.support.NearPriorPoints.point;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;
import org.phloem.compiler.ad.AutoDiff;
import org.phloem.compiler.ad.DerivativeReuse;
import org.phloem.compiler.codegen.ClassEmitter;
import org.phloem.compiler.codegen.LoadedClasses;
import org.phloem.compiler.codegen.LoadedModel;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.data.DataBinder;
import org.phloem.tests.bethy.BethySite;
import org.phloem.tests.support.Repo;

/**
 * Splitting sweeps into helper methods changes where scalars are kept, never what is computed: on
 * DALEC (plain and with checkpointed sweeps) and on BETHY at Hyytiälä (one year of data), the model
 * emitted whole and the same IR split at the default budget and at much smaller ones give the same
 * bits for the cost, gradient, tangent, Hessian-vector product (plain and checkpointed sweeps), every
 * output and every output tangent. The split classes pass ASM's verifier. So does the class
 * {@code phloem watch} runs, with the literals read from a constant array ({@code LiteralsAsData}), and
 * with derivatives reused after an edit that moved lines only ({@code DerivativeReuse}).
 */
class SplitSweepsAgreeBitForBitTest {
  /** The default budget (as compiled by the pipeline), a few times smaller, and small enough to cut nearly every statement. */
  private static final int[] BUDGETS = {ClassEmitter.DEFAULT_BUDGET, 1500, 120};

  static Stream<Arguments> models() throws Exception {
    Path bethyYear = BethySite.oneYearDataRoot(Files.createTempDirectory("split-bethy"), 2003);
    return Stream.of(
        Arguments.of("dalec/dalec.phl", Repo.dataRoot(Repo.model("dalec/dalec.phl"))),
        Arguments.of("dalec/oregon.phl", Repo.dataRoot(Repo.model("dalec/oregon.phl"))),
        Arguments.of("bethy/hyytiala.phl", bethyYear));
  }

  /** The data of {@code dataRoot} bound to the layout of the compiled model. */
  private static BoundData bind(Compilation c, Path dataRoot) throws Exception {
    ModelLayout layout = c.loaded().layout();
    return DataBinder.bind(dataRoot, layout.tables(), layout.dims(), layout.inputs());
  }

  @ParameterizedTest
  @MethodSource("models")
  void splitAndWholeSweeps_giveTheSameBits(String model, Path dataRoot) throws Exception {
    Compilation c = Pipeline.compile(Repo.model(model), true);
    BoundData data = bind(c, dataRoot);
    LoadedModel wholeClass = LoadedModel.load(c.program(), ClassEmitter.NO_SPLITTING);
    CompiledModel whole = wholeClass.bind(data);
    int wholeMethods = MethodSizes.of(wholeClass.bytes()).size();
    for (int budget : BUDGETS) {
      LoadedModel splitClass = LoadedModel.load(c.program(), budget);
      assertEquals("", problems(splitClass.bytes()), model + " at budget " + budget);
      if (budget < 1000) {
        int methods = MethodSizes.of(splitClass.bytes()).size();
        assertTrue(methods > 2 * wholeMethods, model + " at budget " + budget + " was hardly split: " + methods + " methods");
      }
      CompiledModel split = splitClass.bind(data);
      for (long seed = 0; seed < 2; seed++) {
        String where = model + ", budget " + budget + ", point " + seed;
        double[] p = point(whole.info(), seed);
        double[] v = direction(p.length, seed);
        for (boolean checkpointed : new boolean[] {false, true}) {
          ((GeneratedModel) whole).setCheckpointing(checkpointed);
          ((GeneratedModel) split).setCheckpointing(checkpointed);
          assertSameBits(whole, split, p, v, where + (checkpointed ? ", checkpointed sweeps" : ""));
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void theWatchClass_literalsAsData_givesTheSameBits(String model, Path dataRoot) throws Exception {
    Compilation c = Pipeline.compile(Repo.model(model), true);
    assertTheWatchClassGivesTheSameBits(c, c.program(), dataRoot, model + ", literals as data");
  }

  /**
   * A comment at the top moves every line of the model file: {@code phloem watch} then reuses the last
   * derivatives with the lines moved ({@code DerivativeReuse}) instead of differentiating again. Its
   * class (literals as data) gives the bits of the edited model compiled afresh.
   */
  @ParameterizedTest
  @MethodSource("models")
  void theWatchDerivatives_reusedAfterACommentMovedTheLines_giveTheSameBits(String model, Path dataRoot) throws Exception {
    Path file = Repo.model(model);
    String text = Files.readString(file);
    String commented = "// a comment that moves every line below it\n\n" + text;
    DerivativeReuse reuse = new DerivativeReuse();
    reuse.differentiate(Pipeline.compile(model, text, file.getParent(), false).forward());
    DerivativeReuse.Result reused = reuse.differentiate(Pipeline.compile(model, commented, file.getParent(), false).forward());
    assertTrue(reused.reused(), model);
    Compilation fresh = Pipeline.compile(model, commented, file.getParent(), true);
    assertTheWatchClassGivesTheSameBits(fresh, reused.program(), dataRoot, model + ", derivatives reused after a comment");
  }

  /**
   * {@code phloem watch}'s light check runs a class with the gradient alone ({@code AutoDiff.gradientOnly},
   * literals as data) while the rest of the derivatives are compiled: it gives the bits of the fresh
   * compile's cost, outputs and gradient, plain and checkpointed sweeps, and has no tangent or
   * Hessian-vector code. So does the class without the checkpointed sweeps ({@code AutoDiff.plainGradient}),
   * the plain sweeps' bits, deciding to checkpoint as the fresh compile's does.
   */
  @ParameterizedTest
  @MethodSource("models")
  void theWatchGradientClass_givesTheSameBits(String model, Path dataRoot) throws Exception {
    Compilation c = Pipeline.compile(Repo.model(model), true);
    BoundData data = bind(c, dataRoot);
    CompiledModel plain = c.loaded().bind(data);
    LoadedModel watchClass = LoadedModel.load(AutoDiff.gradientOnly(c.forward()), new LoadedClasses(1));
    assertEquals("", problems(watchClass.bytes()), model);
    CompiledModel watched = watchClass.bind(data);
    for (long seed = 0; seed < 2; seed++) {
      double[] p = point(plain.info(), seed);
      for (boolean checkpointed : new boolean[] {false, true}) {
        String where = model + ", gradient alone, point " + seed + (checkpointed ? ", checkpointed sweeps" : "");
        ((GeneratedModel) plain).setCheckpointing(checkpointed);
        ((GeneratedModel) watched).setCheckpointing(checkpointed);
        assertSameCostAndGradient(plain, watched, p, where);
        outputs(plain, watched, false, where + ": after the gradient run");
      }
    }
    double[] p = plain.info().priorMeans();
    assertThrows(UnsupportedOperationException.class, () -> watched.tangent(p, p.clone()), model);

    // the class the light check runs when the tape fits (AutoDiff.plainGradient): the plain sweeps' bits,
    // and the same choice whether to checkpoint
    LoadedModel lightClass = LoadedModel.load(AutoDiff.plainGradient(c.forward()), new LoadedClasses(1));
    assertEquals("", problems(lightClass.bytes()), model);
    CompiledModel light = lightClass.bind(data);
    assertEquals(((GeneratedModel) c.loaded().bind(data)).checkpointing(), ((GeneratedModel) light).checkpointing(), model);
    assertEquals(((GeneratedModel) plain).plainTapeBytes(), ((GeneratedModel) light).plainTapeBytes(), model);
    ((GeneratedModel) plain).setCheckpointing(false);
    for (long seed = 0; seed < 2; seed++) {
      double[] q = point(plain.info(), seed);
      String where = model + ", plain gradient alone, point " + seed;
      assertSameCostAndGradient(plain, light, q, where);
      outputs(plain, light, false, where + ": after the gradient run");
    }
  }

  /** The watch class of {@code program} passes the verifier and gives the bits of {@code plain}'s class at two points. */
  private static void assertTheWatchClassGivesTheSameBits(Compilation plainCompilation, IrProgram program, Path dataRoot, String where)
      throws Exception {
    BoundData data = bind(plainCompilation, dataRoot);
    CompiledModel plain = plainCompilation.loaded().bind(data);
    LoadedModel watchClass = LoadedModel.load(program, new LoadedClasses(1));
    assertEquals("", problems(watchClass.bytes()), where);
    CompiledModel watched = watchClass.bind(data);
    for (long seed = 0; seed < 2; seed++) {
      assertSameBits(plain, watched, point(plain.info(), seed), direction(plain.info().parameterCount(), seed), where + ", point " + seed);
    }
  }

  private static void assertSameBits(CompiledModel whole, CompiledModel split, double[] p, double[] v, String where) {
    assertSameCostAndGradient(whole, split, p, where);
    assertBits(whole.tangent(p, v), split.tangent(p, v), where + ": tangent");
    outputs(whole, split, true, where + ": after the tangent run");
    double[] hv1 = new double[p.length];
    double[] hv2 = new double[p.length];
    assertBits(whole.hessianVector(p, v, hv1), split.hessianVector(p, v, hv2), where + ": cost from the Hessian-vector product");
    assertBits(hv1, hv2, where + ": Hessian-vector product");
  }

  /** The same bits for the cost, the outputs after it, and the gradient with the cost it returns. */
  private static void assertSameCostAndGradient(CompiledModel whole, CompiledModel split, double[] p, String where) {
    assertBits(whole.cost(p), split.cost(p), where + ": cost");
    outputs(whole, split, false, where + ": after the forward run");
    double[] g1 = new double[p.length];
    double[] g2 = new double[p.length];
    assertBits(whole.gradient(p, g1), split.gradient(p, g2), where + ": cost from the gradient");
    assertBits(g1, g2, where + ": gradient");
  }

  /** Outputs, and their tangents once a tangent run has set them (before, they hold an earlier run's). */
  private static void outputs(CompiledModel whole, CompiledModel split, boolean tangents, String where) {
    for (int k = 0; k < whole.info().outputs().size(); k++) {
      String name = whole.info().outputs().get(k).name();
      assertBits(whole.output(k), split.output(k), where + ", output " + name);
      if (tangents) {
        assertBits(whole.outputTangent(k), split.outputTangent(k), where + ", tangent of output " + name);
      }
    }
  }

  private static void assertBits(double a, double b, String what) {
    assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b), () -> what + ": " + a + " whole, " + b + " split");
  }

  private static void assertBits(double[] a, double[] b, String what) {
    assertEquals(a.length, b.length, what);
    for (int i = 0; i < a.length; i++) {
      assertBits(a[i], b[i], what + "[" + i + "]");
    }
  }

  private static double[] direction(int n, long seed) {
    Random random = new Random(1000 + seed);
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = 2 * random.nextDouble() - 1;
    }
    return v;
  }

  /** What ASM's verifier (structure and a data-flow analysis of every method) reports; empty when sound. */
  private static String problems(byte[] classFile) {
    StringWriter report = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(classFile), SplitSweepsAgreeBitForBitTest.class.getClassLoader(), false,
        new PrintWriter(report));
    return report.toString().strip();
  }
}
