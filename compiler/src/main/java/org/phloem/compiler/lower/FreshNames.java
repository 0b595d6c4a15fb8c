package org.phloem.compiler.lower;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.phloem.compiler.ir.ScalarType;

/**
 * Names the IR locals of one function and remembers their types. A name the model uses once keeps its
 * model name; later ones get {@code name$2}, {@code name$3} ({@code $} cannot appear in a model name,
 * so no clash with the user's names is possible).
 */
final class FreshNames {
  private final Map<String, Integer> counts = new HashMap<>();
  private final Map<String, ScalarType> locals = new LinkedHashMap<>();
  private final java.util.Set<String> avoided = new java.util.HashSet<>();

  /** A new real local named after {@code base}. */
  String real(String base) {
    return declare(base, ScalarType.REAL);
  }

  /** A new integer local named after {@code base}. */
  String integer(String base) {
    return declare(base, ScalarType.INT);
  }

  /**
   * Keeps {@code name} (an array's) from being given to a local: arrays and locals share one namespace
   * in the derivative code's names ({@code x$d} is the adjoint of either), so a fn argument or a let
   * named like an output array gets {@code name$2}.
   */
  void avoid(String name) {
    avoided.add(name);
  }

  private String declare(String base, ScalarType type) {
    int n = counts.merge(base, 1, Integer::sum);
    String name = n == 1 ? base : base + "$" + n;
    while (locals.containsKey(name) || avoided.contains(name)) {
      n = counts.merge(base, 1, Integer::sum);
      name = base + "$" + n;
    }
    locals.put(name, type);
    return name;
  }

  /** Every local declared, in order. */
  Map<String, ScalarType> locals() {
    return locals;
  }
}
