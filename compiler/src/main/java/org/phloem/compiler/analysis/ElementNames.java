package org.phloem.compiler.analysis;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
 *
 * <p>The analyses' states are {@link NameBits} over these names, numbered here as they are met: a
 * state is copied at many statements, and copying a hash set of strings was most of what the analyses
 * cost (tests/BENCHMARKS.md, "watch: save to result").
 */
public final class ElementNames {
  private final IterationPrivate privates;
  private final Map<Stmt.For, Integer> loopNumbers = new IdentityHashMap<>();
  private final NameBits.Names names = new NameBits.Names();
  /** Per loop: for each array private to it, the numbers of its current element, other iterations' elements and whole name. */
  private final Map<Stmt.For, int[]> loopNames = new IdentityHashMap<>();

  /** Names for the private arrays {@code privates} found. */
  public ElementNames(IterationPrivate privates) {
    this.privates = privates;
  }

  /** The tracked name of {@code name} as statement {@code s} accesses it. */
  public String of(Stmt s, String name) {
    Stmt.For l = privates.loopOf(s, name);
    return l == null ? name : name + "@" + number(l);
  }

  /** The number of the tracked name {@code name} as statement {@code s} accesses it. */
  public int id(Stmt s, String name) {
    return names.id(of(s, name));
  }

  /** The number of a variable's own (whole) name. */
  public int id(String name) {
    return names.id(name);
  }

  /** The set of {@code names}, each as statement {@code s} accesses it. */
  public NameBits bits(Stmt s, Iterable<String> variables) {
    NameBits b = NameBits.EMPTY;
    for (String n : variables) {
      b = b.with(id(s, n));
    }
    return b;
  }

  /** The set of the variables' own names {@code variables}. */
  public NameBits bits(Iterable<String> variables) {
    return names.bits(variables);
  }

  /** The variables whose names (whole, or elements) {@code b} holds. */
  public Set<String> variables(NameBits b) {
    Set<String> out = new LinkedHashSet<>();
    for (String n : names.of(b)) {
      out.add(variable(n));
    }
    return out;
  }

  /** The variable a tracked name belongs to. */
  public static String variable(String tracked) {
    int at = tracked.indexOf('@');
    return at < 0 ? tracked : tracked.substring(0, at);
  }

  /** The state carried into another iteration of {@code l}: its current elements become other iterations'. */
  public NameBits nextIteration(Stmt.For l, NameBits state) {
    int[] n = loopNames(l);
    NameBits out = state;
    for (int k = 0; k < n.length; k += 3) {
      if (out.has(n[k])) {
        out = out.without(n[k]).with(n[k + 1]);
      }
    }
    return out;
  }

  /** The state outside {@code l}: its elements become the whole arrays. */
  public NameBits leaveLoop(Stmt.For l, NameBits head) {
    int[] n = loopNames(l);
    NameBits out = nextIteration(l, head);
    for (int k = 0; k < n.length; k += 3) {
      if (out.has(n[k + 1])) {
        out = out.without(n[k + 1]).with(n[k + 2]);
      }
    }
    return out;
  }

  private int[] loopNames(Stmt.For l) {
    int[] n = loopNames.get(l);
    if (n == null) {
      List<String> arrays = new ArrayList<>(privates.privateTo(l));
      n = new int[3 * arrays.size()];
      String suffix = "@" + number(l);
      for (int k = 0; k < arrays.size(); k++) {
        n[3 * k] = names.id(arrays.get(k) + suffix);
        n[3 * k + 1] = names.id(arrays.get(k) + suffix + "~");
        n[3 * k + 2] = names.id(arrays.get(k));
      }
      loopNames.put(l, n);
    }
    return n;
  }

  private int number(Stmt.For l) {
    return loopNumbers.computeIfAbsent(l, k -> loopNumbers.size());
  }
}
