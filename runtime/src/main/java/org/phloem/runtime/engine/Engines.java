package org.phloem.runtime.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds an {@link EngineProvider} by name among those on the class path. */
public final class Engines {
  private Engines() {}

  /** The name of the default engine. */
  public static final String LOCAL = "local";

  /**
   * Opens the engine called {@code name}.
   *
   * @throws EngineException when no provider of that name is on the class path (the message says what
   *     to add) or the engine cannot start
   */
  public static Engine open(String name, String master, int threads) {
    List<String> known = new ArrayList<>();
    // the context class loader: under spark-submit, engine-spark arrives with --jars in a loader below this class's
    for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) {
      if (p.name().equals(name)) {
        return p.open(master, threads);
      }
      known.add(p.name());
    }
    throw new EngineException("the engine '" + name + "' is not on the class path (found: " + String.join(", ", known) + ")."
        + (name.equals("spark") ? " It is the module engine-spark: run through ./phloem, which adds it for --engine spark, or put"
            + " engine-spark/target/engine-spark-*.jar and its lib/ folder on the class path (spark-submit --jars)." : ""));
  }
}
