package org.phloem.tests.eastasia;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.data.DataBinder;
import org.phloem.runtime.data.DimSlice;
import org.phloem.runtime.parallel.SiteSum;
import org.phloem.tests.support.Repo;

/**
 * The East-Asian network model (models/eastasia/network.phl) bound to the repository's data once and cut
 * into one model instance per tower ({@link DimSlice} along {@code site}), so that any subset of towers
 * (all twelve, or all but one) is a {@link SiteSum} evaluated in parallel.
 */
final class EastAsiaNetwork {
  /** The twelve towers, in the order of the drivers table (the order of the {@code site} dim). */
  final List<String> sites;
  private final Compilation compilation;
  private final BoundData data;
  private final List<CompiledModel> instances = new ArrayList<>();

  private EastAsiaNetwork(Compilation compilation, BoundData data) {
    this.compilation = compilation;
    this.data = data;
    this.sites = data.dimLabels().get("site");
    ModelLayout layout = compilation.loaded().layout();
    for (int s = 0; s < sites.size(); s++) {
      instances.add(compilation.loaded().bind(DimSlice.of(data, layout.inputs(), "site", s)));
    }
  }

  /** The repository's data folder (the tables the model reads are copied there; see data/SOURCES.md). */
  static Path dataRoot() {
    return Repo.root().resolve("data");
  }

  /** Compiles {@code models/eastasia/<file>} with its derivatives and binds it to the repository's data. */
  static EastAsiaNetwork load(String file) throws Exception {
    Compilation c = Pipeline.compile(Repo.model("eastasia/" + file), true);
    ModelLayout layout = c.loaded().layout();
    BoundData data = DataBinder.bind(dataRoot(), layout.tables(), layout.dims(), layout.inputs());
    return new EastAsiaNetwork(c, data);
  }

  /** The whole network as one model instance (every site in one run, sequentially). */
  CompiledModel whole() {
    return compilation.loaded().bind(data);
  }

  /** The model instance of one tower (its own copy: safe to use beside any sum). */
  CompiledModel site(String name) {
    return instances.get(index(name)).copy();
  }

  /** The towers {@code names} summed, evaluated by {@code threads} threads. */
  SiteSum sum(List<String> names, int threads) {
    List<CompiledModel> models = new ArrayList<>();
    for (String n : names) {
      models.add(site(n));
    }
    return SiteSum.of(models, names, threads);
  }

  /** Every tower but {@code left}. */
  List<String> allBut(String left) {
    List<String> out = new ArrayList<>(sites);
    out.remove(left);
    return out;
  }

  int index(String name) {
    int k = sites.indexOf(name);
    if (k < 0) {
      throw new IllegalArgumentException("no tower " + name + " in the network (" + sites + ")");
    }
    return k;
  }

  ModelInfo info() {
    return instances.get(0).info();
  }

  /** An input of one tower, row-major over its remaining dims (year, month for the monthly ones). */
  double[] input(String name, String site) {
    ModelLayout layout = compilation.loaded().layout();
    return DimSlice.of(data, layout.inputs(), "site", index(site)).inputs().get(name);
  }

  /** An output of a tower's model after running it at {@code p} (a copy of the array). */
  static double[] output(CompiledModel siteModel, double[] p, String name) {
    siteModel.cost(p);
    return siteModel.output(siteModel.info().outputIndex(name)).clone();
  }
}
