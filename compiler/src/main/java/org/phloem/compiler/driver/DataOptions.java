package org.phloem.compiler.driver;

import java.nio.file.Path;
import org.phloem.compiler.diag.CompileException;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.TapeBudget;
import org.phloem.runtime.data.DataException;
import org.phloem.runtime.data.DataRoot;
import picocli.CommandLine.Option;

/** The options every command that runs a model shares: {@code --data DIR} and {@code --tape-budget SIZE}. */
final class DataOptions {
  @Option(names = "--data", paramLabel = "DIR",
      description = "the data root (default: $PHLOEM_DATA, else the data/ folder of the Phloem checkout)")
  Path data;

  /** Sets the tape budget of every model the command binds (the runtime reads the system property). */
  @Option(names = "--tape-budget", paramLabel = "SIZE", converter = SizeConverter.class,
      description = "tape one gradient may record before its long loops are checkpointed (default "
          + TapeBudget.DEFAULT_MEGABYTES + "m; e.g. 256m, 2g; 0 checkpoints every loop that can be)")
  void tapeBudget(long bytes) {
    System.setProperty(TapeBudget.PROPERTY, Long.toString(bytes));
  }

  /** A size as {@link TapeBudget#parse} reads it; a bad one is refused with its message. */
  static final class SizeConverter implements picocli.CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return TapeBudget.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

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
