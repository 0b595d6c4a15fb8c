package org.phloem.tests.transport;

import java.nio.file.Path;
import org.phloem.runtime.CompiledModel;

/**
 * {@code models/transport/flux_inversion.phl} bound to {@link TransportFixture}'s small data folder (the
 * only data it has), every station and month observed: for programs outside this package that run every
 * shipped model.
 */
public final class FluxInversionData {
  private FluxInversionData() {}

  /** Writes the fixture under {@code folder} and binds the model to it. */
  public static CompiledModel bind(Path folder) throws Exception {
    double[][] target = new double[TransportFixture.LATITUDES.length][TransportFixture.MONTHS];
    for (int i = 0; i < target.length; i++) {
      for (int m = 0; m < TransportFixture.MONTHS; m++) {
        target[i][m] = 370 + 0.5 * i + 0.1 * m;
      }
    }
    return new TransportFixture(folder).bind(target);
  }
}
