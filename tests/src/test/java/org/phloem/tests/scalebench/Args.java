package org.phloem.tests.scalebench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options of the benchmark programs, with defaults. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (int k = 0; k < args.length; k++) {
      if (!args[k].startsWith("--") || k + 1 == args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got '" + args[k] + "'");
      }
      values.put(args[k].substring(2), args[++k]);
    }
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int integer(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  double real(String name, double fallback) {
    return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
  }
}
