package org.phloem.compiler.analysis;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.ir.Stmt;

/**
 * The names an analysis that follows per-step arrays element by element tracks ({@link ToBeRecorded},
 * the adjoint's dead-store removal): a variable's own name, or for an array accessed inside a loop it is
 * private to ({@link IterationPrivate}), {@code a@k} (the current iteration's element, k numbering the
 * loop) and {@code a@k~} (the elements of the loop's other iterations). An analysis turns the first into
 * the second from one iteration to the next ({@link #nextIteration}) and both into the whole array when
 * it leaves the loop ({@link #leaveLoop}); the whole array's name stands for every element.
 */
public final class ElementNames {
  private final IterationPrivate privates;
  private final Map<Stmt.For, Integer> loopNumbers = new IdentityHashMap<>();

  /** Names for the private arrays {@code privates} found. */
  public ElementNames(IterationPrivate privates) {
    this.privates = privates;
  }

  /** The tracked name of {@code name} as statement {@code s} accesses it. */
  public String of(Stmt s, String name) {
    Stmt.For l = privates.loopOf(s, name);
    return l == null ? name : name + "@" + number(l);
  }

  /** {@code names}, each as statement {@code s} accesses it. */
  public Set<String> of(Stmt s, Set<String> names) {
    Set<String> out = new HashSet<>();
    for (String n : names) {
      out.add(of(s, n));
    }
    return out;
  }

  /** The variable a tracked name belongs to. */
  public static String variable(String tracked) {
    int at = tracked.indexOf('@');
    return at < 0 ? tracked : tracked.substring(0, at);
  }

  /** The state carried into another iteration of {@code l}: its current elements become other iterations'. */
  public Set<String> nextIteration(Stmt.For l, Set<String> state) {
    return rename(state, l, true);
  }

  /** The state outside {@code l}: its elements become the whole arrays. */
  public Set<String> leaveLoop(Stmt.For l, Set<String> head) {
    return rename(rename(head, l, true), l, false);
  }

  /** Current element to earlier elements ({@code toPast}), or earlier elements to the whole array. */
  private Set<String> rename(Set<String> state, Stmt.For l, boolean toPast) {
    Set<String> arrays = privates.privateTo(l);
    if (arrays.isEmpty()) {
      return state;
    }
    String suffix = "@" + number(l);
    Set<String> out = null;
    for (String n : state) {
      String from = toPast ? suffix : suffix + "~";
      if (n.endsWith(from) && arrays.contains(variable(n))) {
        if (out == null) {
          out = new HashSet<>(state);
        }
        out.remove(n);
        out.add(toPast ? n + "~" : variable(n));
      }
    }
    return out == null ? state : out;
  }

  private int number(Stmt.For l) {
    return loopNumbers.computeIfAbsent(l, k -> loopNumbers.size());
  }
}
