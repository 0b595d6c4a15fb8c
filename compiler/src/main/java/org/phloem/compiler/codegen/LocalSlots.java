package org.phloem.compiler.codegen;

import java.util.HashMap;
import java.util.Map;

/** Hands out JVM local variable slots: two for a double, one for an int or a reference. */
final class LocalSlots {
  private final Map<String, Integer> named = new HashMap<>();
  private int next;

  LocalSlots(int firstFree) {
    this.next = firstFree;
  }

  /** Gives {@code name} a slot of {@code width} (1 or 2). */
  int declare(String name, int width) {
    if (named.containsKey(name)) {
      throw new IllegalStateException("local " + name + " declared twice");
    }
    named.put(name, next);
    return allocate(width);
  }

  /** Names an already reserved slot (a method argument). */
  void declareAt(String name, int slot) {
    named.put(name, slot);
  }

  /** A fresh unnamed slot (loop bounds). */
  int allocate(int width) {
    int slot = next;
    next += width;
    return slot;
  }

  /** The slot of {@code name}; fails when undeclared (a bug in an earlier stage). */
  int of(String name) {
    Integer slot = named.get(name);
    if (slot == null) {
      throw new IllegalStateException("no local slot for " + name);
    }
    return slot;
  }

  boolean has(String name) {
    return named.containsKey(name);
  }

  /**
   * The slot key of array {@code name}. Arrays and scalar locals are separate namespaces in the IR (a
   * loop index may be called {@code p} like the parameter vector, a fn argument like an output array),
   * so they must not share keys here.
   */
  static String array(String name) {
    return "[]" + name;
  }

  /** The slot key of a dim's size (keys the emitter makes up start with '#', which no IR name does). */
  static String size(String dim) {
    return "#size$" + dim;
  }
}
