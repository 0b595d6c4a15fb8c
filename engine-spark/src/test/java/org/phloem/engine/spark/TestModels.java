package org.phloem.engine.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.engine.ModelCode;
import org.phloem.runtime.engine.PortableModel;

/** The repository's models as the engines take them. */
final class TestModels {
  private TestModels() {}

  static Path repo() {
    return Path.of(System.getProperty("phloem.repo", "..")).toAbsolutePath().normalize();
  }

  static Compilation compile(String model) throws Exception {
    return Pipeline.compile(repo().resolve("models").resolve(model), true);
  }

  static ModelCode code(Compilation c) {
    return new ModelCode(c.loaded().binaryName(), c.loaded().bytes(), c.loaded().layout());
  }

  /** {@code model} bound to the repository's data, as the command line ships it. */
  static PortableModel portable(String model) throws Exception {
    Compilation c = compile(model);
    GeneratedModel bound = (GeneratedModel) c.bind(repo().resolve("data"));
    return new PortableModel(code(c), bound.data());
  }

  /**
   * Sites of models/bethy_lite/bethy_lite.phl: {@code sites} blocks of {@code cells} cells over {@code
   * days} days of random forcing in the model's ranges, and random observations of mean GPP and NEE.
   */
  static List<BoundData> bethyLiteSites(int sites, int cells, int days, long seed) {
    Random random = new Random(seed);
    List<String> dayLabels = numbered(days);
    List<BoundData> out = new ArrayList<>();
    for (int s = 0; s < sites; s++) {
      Map<String, double[]> inputs = new HashMap<>();
      inputs.put("temp", fill(random, days * cells, -10, 30));
      inputs.put("par", fill(random, days * cells, 0, 12));
      inputs.put("fpar", fill(random, days * cells, 0.05, 0.9));
      inputs.put("swc", fill(random, days * cells, 0.05, 1));
      inputs.put("gpp_obs", fill(random, cells, 0.5, 5));
      inputs.put("nee_obs", fill(random, cells, -0.5, 0.5));
      out.add(new BoundData(Map.of("cell", cells, "day", days), Map.of("cell", numbered(cells), "day", dayLabels), inputs));
    }
    return out;
  }

  static List<String> numbered(int n) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(Integer.toString(k));
    }
    return out;
  }

  private static double[] fill(Random random, int n, double lo, double hi) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = lo + (hi - lo) * random.nextDouble();
    }
    return a;
  }
}
