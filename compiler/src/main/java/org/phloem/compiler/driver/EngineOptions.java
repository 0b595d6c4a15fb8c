package org.phloem.compiler.driver;

import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.engine.Engine;
import org.phloem.runtime.engine.EngineException;
import org.phloem.runtime.engine.Engines;
import org.phloem.runtime.engine.ModelCode;
import org.phloem.runtime.engine.PortableModel;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --engine} and {@code --master} options: where independent units of work (the starts of a fit) run. */
final class EngineOptions {
  @Option(names = "--engine", paramLabel = "local|spark",
      description = "where the starts of --starts run: local (this JVM's cores, default) or spark (Apache Spark executors, see --master; "
          + "./phloem adds the engine-spark module for it). Results are the same bit for bit")
  String engine = Engines.LOCAL;

  @Option(names = "--master", paramLabel = "URL",
      description = "the Spark master for --engine spark: local[N] (threads of this JVM), local-cluster[N,C,MB] (N executor JVMs on this "
          + "machine with C cores and MB megabytes each), spark://HOST:7077 (a standalone cluster); under spark-submit its --master")
  String master;

  /** True for the default engine. */
  boolean local() {
    return engine.equals(Engines.LOCAL);
  }

  /**
   * Opens the engine, turning a missing module or a refused setting into a usage error.
   *
   * @param threads the --threads given, or null
   */
  Engine open(CommandLine cli, Integer threads) {
    try {
      return Engines.open(engine, master, threads == null ? 0 : threads);
    } catch (EngineException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage());
    }
  }

  /** {@code m} as an engine ships it to other JVMs: its class file, layout and bound data. */
  static PortableModel portable(CompiledModel m) {
    GeneratedModel g = (GeneratedModel) m;
    Compilation c = RunningModels.of(g.layout());
    if (c == null) {
      throw new IllegalStateException("no compilation registered for model " + g.layout().name());
    }
    return new PortableModel(new ModelCode(c.loaded().binaryName(), c.loaded().bytes(), g.layout()), g.data());
  }
}
