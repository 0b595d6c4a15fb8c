package org.phloem.tests.ccdas;

import java.nio.file.Path;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.data.DataBinder;
import org.phloem.tests.support.Repo;

/** A model of models/ccdas compiled and bound to the repository's data, with its bound inputs at hand. */
record CcdasModel(CompiledModel model, BoundData data) {

  /** Compiles {@code models/ccdas/<file>} (with derivatives when asked) and binds it. */
  static CcdasModel load(String file, boolean derivatives) throws Exception {
    Path path = Repo.model("ccdas/" + file);
    Compilation c = Pipeline.compile(path, derivatives);
    ModelLayout layout = c.loaded().layout();
    BoundData data = DataBinder.bind(Repo.dataRoot(path), layout.tables(), layout.dims(), layout.inputs());
    return new CcdasModel(c.loaded().bind(data), data);
  }

  double[] input(String name) {
    return data.inputs().get(name);
  }

  /** Output {@code name} after running at {@code p} (a copy). */
  double[] output(double[] p, String name) {
    model.cost(p);
    return model.output(model.info().outputIndex(name)).clone();
  }

  double[] priorMeans() {
    return model.info().priorMeans();
  }
}
