package org.phloem.compiler.optimize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.ir.Expr;

/**
 * Values computed already and what reads each: an expression is available, held by a local, until
 * something it reads or its holder is written. The table of both passes that compute a repeated value
 * once ({@link RepeatedLocals} over a function, the adjoint's {@code CommonTemporaries} over one
 * reverse block), indexed by the names each expression reads, so that a write retires just the values
 * it touches.
 *
 * @param <V> what reads a held value: the holder's name, or an expression of it
 */
public final class AvailableValues<V> {
  private final Map<Expr, V> held = new LinkedHashMap<>();
  private final Map<String, List<Expr>> readers = new HashMap<>();

  /** What reads the value of {@code e}, or null when it is not available. */
  public V get(Expr e) {
    return held.get(e);
  }

  /** From now on {@code e} is available as {@code value}, which reads local {@code holder}. */
  public void put(Expr e, V value, String holder) {
    held.put(e, value);
    Set<String> names = Reads.all(e);
    names.add(holder);
    for (String n : names) {
      readers.computeIfAbsent(n, k -> new ArrayList<>()).add(e);
    }
  }

  /** {@link #put}, unless {@code e} is available already. */
  public void putIfAbsent(Expr e, V value, String holder) {
    if (!held.containsKey(e)) {
      put(e, value, holder);
    }
  }

  /** Forgets every value that reads, or whose holder is, one of {@code written}. */
  public void invalidate(Set<String> written) {
    if (held.isEmpty()) {
      return;
    }
    for (String w : written) {
      List<Expr> gone = readers.remove(w);
      if (gone != null) {
        gone.forEach(held::remove);
      }
    }
  }

  /** A table with the same values, changed independently of this one (for each branch of an if). */
  public AvailableValues<V> copy() {
    AvailableValues<V> c = new AvailableValues<>();
    c.held.putAll(held);
    readers.forEach((n, l) -> c.readers.put(n, new ArrayList<>(l)));
    return c;
  }
}
