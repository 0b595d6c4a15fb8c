package org.phloem.compiler.driver;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.phloem.runtime.ModelLayout;

/**
 * The compilation each bound model came from, so that a fault thrown deep inside a fit (an index out of
 * range, see {@link org.phloem.runtime.IndexFault}) can be traced back to the model's source by the
 * command line's error handler. Keyed by the layout, which every copy of a bound model shares; weak, so
 * a compilation no longer used is not kept alive.
 */
final class RunningModels {
  private static final Map<ModelLayout, Compilation> BY_LAYOUT = Collections.synchronizedMap(new WeakHashMap<>());

  private RunningModels() {}

  static void register(ModelLayout layout, Compilation compilation) {
    BY_LAYOUT.put(layout, compilation);
  }

  /** The compilation {@code layout} came from, or null. */
  static Compilation of(ModelLayout layout) {
    return BY_LAYOUT.get(layout);
  }
}
