package org.phloem.compiler.ad;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Names of generated variables. They all contain {@code $}, which the language forbids, so they
 * never clash with a modeller's names: the tangent of {@code x} is {@code x$d}, its adjoint {@code
 * x$b}, and fresh temporaries are {@code prefix$n} (numbered, so never ending in {@code d} or {@code
 * b}), checked against every name already in use.
 */
final class Names {
  private final Set<String> used = new HashSet<>();
  private final Map<String, Integer> counters = new HashMap<>();

  Names(Iterable<String> taken) {
    for (String n : taken) {
      used.add(n);
    }
  }

  /** The tangent of {@code name}. */
  static String tangent(String name) {
    return name + "$d";
  }

  /** The adjoint of {@code name}. */
  static String adjoint(String name) {
    return name + "$b";
  }

  /** Claims a derived name ({@link #tangent}, {@link #adjoint}); fails if the input already uses it. */
  String claim(String name) {
    if (!used.add(name)) {
      throw new IllegalStateException("internal error: generated name " + name + " is already in use");
    }
    return name;
  }

  /** A new name {@code prefix$n}. */
  String fresh(String prefix) {
    int n = counters.getOrDefault(prefix, 0);
    String name;
    do {
      n++;
      name = prefix + "$" + n;
    } while (used.contains(name));
    counters.put(prefix, n);
    used.add(name);
    return name;
  }
}
