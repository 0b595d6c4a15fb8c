package org.phloem.engine.spark;

import org.phloem.runtime.engine.Engine;
import org.phloem.runtime.engine.EngineException;
import org.phloem.runtime.engine.EngineProvider;

/** Registers {@code --engine spark} with the runtime's {@link org.phloem.runtime.engine.Engines}. */
public final class SparkEngineProvider implements EngineProvider {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public Engine open(String master, int threads) {
    if (threads > 0) {
      throw new EngineException("--threads is for the local engine; on Spark the executors' cores decide how many units run at once");
    }
    return SparkEngine.connect(master);
  }
}
