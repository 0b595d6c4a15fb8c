package org.phloem.tests.scalebench;

import java.util.List;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.synth.Options;
import org.phloem.runtime.synth.SyntheticClimate;

/**
 * {@code models/bethy_lite/bethy_lite.phl} bound to one small block of its synthetic climate (the data
 * only {@link GlobalBethyLite} makes): every cell of a coarse grid for a few years, with twin
 * observations. For programs outside this package that run every shipped model.
 */
public final class BethyLiteBlock {
  private BethyLiteBlock() {}

  /** Every cell of the {@code resolution}-degree grid, {@code years} years, one instance. */
  public static CompiledModel bind(double resolution, int years) throws Exception {
    Options o = GlobalBethyLite.options(resolution, years, 1);
    int days = SyntheticClimate.daysOfYear(o).length;
    List<CompiledModel> blocks = GlobalBethyLite.bind(GlobalBethyLite.compile(), GlobalBethyLite.forcing(o, Integer.MAX_VALUE), days);
    return blocks.get(0);
  }
}
