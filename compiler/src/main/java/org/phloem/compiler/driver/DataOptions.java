package org.phloem.compiler.driver;

import java.nio.file.Path;
import org.phloem.compiler.diag.CompileException;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.data.DataException;
import org.phloem.runtime.data.DataRoot;
import picocli.CommandLine.Option;

/** The {@code --data DIR} option every command that runs a model shares. */
final class DataOptions {
  @Option(names = "--data", paramLabel = "DIR",
      description = "the data root (default: $PHLOEM_DATA, else the data/ folder of the Phloem checkout)")
  Path data;

  /** Compiles {@code model} (with its derivatives when asked) and binds it to the data root for it. */
  CompiledModel load(Path model, boolean derivatives) throws CompileException, DataException {
    Compilation c = Pipeline.compile(model, derivatives);
    return c.bind(root(model));
  }

  /** The data root for {@code model}. */
  Path root(Path model) throws DataException {
    return DataRoot.locate(data, model).path();
  }
}
