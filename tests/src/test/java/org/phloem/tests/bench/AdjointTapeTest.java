package org.phloem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.DimInfo;
import org.phloem.runtime.GeneratedModel;
import org.phloem.tests.support.Repo;

/**
 * What the benchmarked adjoints keep on the tape, counted from the models' structure (not from the
 * generated code): the observation loops record nothing, since the observed value, its sd, the
 * modelled value and the residual can all be computed again in the reverse sweep from inputs and from
 * model outputs nothing overwrites afterwards, and the missing-value test reads only an input.
 */
class AdjointTapeTest {

  private static GeneratedModel generated(CompiledModel m) {
    return (GeneratedModel) m;
  }

  private static int size(CompiledModel m, String dim) {
    for (DimInfo d : m.info().dims()) {
      if (d.name().equals(dim)) {
        return d.size();
      }
    }
    throw new AssertionError("no dim " + dim);
  }

  /** The tape's high-water mark over one gradient, after which the tape must be empty again. */
  private static long peakOfOneGradient(CompiledModel m) {
    GeneratedModel g = generated(m);
    double[] grad = new double[m.info().parameterCount()];
    m.gradient(BenchModels.testPoint(m, 3), grad);
    assertEquals(0, g.tape().depth(), "balanced tape");
    return g.tape().peakBytes();
  }

  @Test
  void sitesGradient_recordsOnePoolValuePerSiteDayAndTheRatePerDay() throws Exception {
    for (int n : new int[] {3, 10}) {
      CompiledModel m = BenchModels.sites(n);
      int days = size(m, "day");
      // per day: rate = q10^(...) (a pow: cheaper to record than to recompute); per site and day: the
      // pool c[s] before its update (read by the partials of c/(c+200) and k c rate); the quotient is
      // divided again, and nothing at all per observation element
      assertEquals(8L * days * (1 + n), peakOfOneGradient(m), "n = " + n);
    }
  }

  @Test
  void dalecGradient_observationLoopsRecordNothing() throws Exception {
    Path folder = Repo.model("dalec");
    String both = BenchModels.resource("bench/dalec_obs.phl");
    String neeOnly = both.replaceAll("(?m)^observe gpp.*$", "");
    CompiledModel withBoth = BenchModels.dalecWithObservations();
    CompiledModel withNee = Pipeline.compile("dalec_nee.phl", neeOnly, folder, true)
        .bind(Repo.dataRoot(folder.resolve("dalec.phl")));
    assertEquals(2, withBoth.info().observations().size());
    assertEquals(1, withNee.info().observations().size());
    assertEquals(peakOfOneGradient(withNee), peakOfOneGradient(withBoth),
        "a second observation of 1096 days adds nothing to the tape");
  }

  /**
   * BETHY's per-day outputs ({@code daylen[d]}, {@code rmaint[d]}, {@code gpp[d]}, {@code kf[d]},
   * {@code decomp[d]}) are written once per day at the day's index and read nonlinearly later in the
   * same day or in later loops: their old value is the initial zero nobody reads, so the element-wise
   * to-be-recorded analysis pushes none of them (the whole-array analysis pushed each per day). What is
   * still pushed are scalars the next day (or the next canopy layer) overwrites: 29 push statements
   * since the optimiser ({@code compiler/.../optimize/LoopInvariants}) moved the day's Arrhenius
   * factors, {@code kc} and {@code ko} out of the loops over quadrature nodes and canopy layers (23
   * before; {@code kc} and {@code ko} were pushed 9 times a day inside those loops, now they and the
   * six factors once a day: 8 values a day instead of 18).
   */
  @Test
  void bethyGradient_pushesNoPerDayArrayElement() throws Exception {
    org.phloem.compiler.driver.Compilation c = Pipeline.compile(Repo.model("bethy").resolve("hyytiala.phl"), true);
    String gradient = org.phloem.compiler.ir.IrPrinter.print(c.program().function("gradient"));
    java.util.List<String> arrayPushes = gradient.lines().map(String::trim)
        .filter(l -> l.matches("push [A-Za-z_$0-9]+\\[.*")).collect(java.util.stream.Collectors.toList());
    assertEquals(java.util.List.of(), arrayPushes);
    long scalarPushes = gradient.lines().map(String::trim).filter(l -> l.startsWith("push ")).count();
    // 29 scalars overwritten per day or per canopy layer, and the soil's two sinh values (spin-up and
    // run), which the forward sweep records for their partials instead of the reverse computing them again
    assertEquals(31, scalarPushes, "the scalars overwritten per day or per canopy layer, and two sinh values");
  }
}
