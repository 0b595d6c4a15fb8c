package org.phloem.tests.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.tests.support.Repo;

/** The models the benchmarks run, compiled (with derivatives) and bound to the bundled data. */
final class BenchModels {
  private BenchModels() {}

  /** models/dalec/dalec.phl: the forward DALEC run over the three Oregon years (no observations). */
  static CompiledModel dalec() throws Exception {
    return Repo.load("dalec/dalec.phl");
  }

  /**
   * bench/dalec_obs.phl (test resources): DALEC with the NEE and GPP observations. It includes the real
   * models/dalec/dalec_core.phl, so it is compiled as if it stood in models/dalec/ (includes must stay
   * inside the main file's folder).
   */
  static CompiledModel dalecWithObservations() throws Exception {
    Path folder = Repo.model("dalec");
    Compilation c = Pipeline.compile("dalec_obs.phl", resource("bench/dalec_obs.phl"), folder, true);
    return c.bind(Repo.dataRoot(folder.resolve("dalec.phl")));
  }

  /** The synthetic {@link SitesModel} with {@code sites} parameters. */
  static CompiledModel sites(int sites) throws Exception {
    Path folder = Repo.model("dalec");
    Compilation c = Pipeline.compile("sites_" + sites + ".phl", SitesModel.phloemText(sites), folder, true);
    return c.bind(Repo.dataRoot(folder.resolve("dalec.phl")));
  }

  /** A text resource of the tests module. */
  static String resource(String name) {
    try (InputStream in = BenchModels.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A parameter point away from the prior means (so that sites differ), the same on every call. */
  static double[] testPoint(CompiledModel model, long seed) {
    double[] p = model.info().priorMeans();
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < p.length; i++) {
      p[i] *= 1 + 0.2 * (random.nextDouble() - 0.5);
    }
    return p;
  }
}
