package org.phloem.compiler.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of variable names as a bit set over their numbers ({@link Names}): the state of a
 * data-flow analysis that must copy its set at many statements, where copying a bit word array is
 * cheap and copying a hash set of strings is not. Trailing zero words are trimmed, so equal sets are
 * equal arrays whatever the names numbered since.
 */
public final class NameBits {
  /** The empty set. */
  public static final NameBits EMPTY = new NameBits(new long[0]);

  private final long[] words;

  private NameBits(long[] words) {
    this.words = words;
  }

  /** Whether name number {@code id} is in the set ({@code id} negative: a name never numbered, so no). */
  public boolean has(int id) {
    int w = id >>> 6;
    return id >= 0 && w < words.length && (words[w] & (1L << id)) != 0;
  }

  /** The set with name number {@code id} added (this set itself when it is there already). */
  public NameBits with(int id) {
    if (has(id)) {
      return this;
    }
    long[] out = Arrays.copyOf(words, Math.max(words.length, (id >>> 6) + 1));
    out[id >>> 6] |= 1L << id;
    return new NameBits(out);
  }

  /** The set without name number {@code id} (this set itself when it is not there). */
  public NameBits without(int id) {
    if (!has(id)) {
      return this;
    }
    long[] out = words.clone();
    out[id >>> 6] &= ~(1L << id);
    return trimmed(out);
  }

  /** The union (one of the two itself when it holds the other). */
  public NameBits or(NameBits b) {
    if (b.subsetOf(this)) {
      return this;
    }
    if (subsetOf(b)) {
      return b;
    }
    long[] out = Arrays.copyOf(words, Math.max(words.length, b.words.length));
    for (int k = 0; k < b.words.length; k++) {
      out[k] |= b.words[k];
    }
    return new NameBits(out);
  }

  /** The intersection. */
  public NameBits and(NameBits b) {
    long[] out = new long[Math.min(words.length, b.words.length)];
    for (int k = 0; k < out.length; k++) {
      out[k] = words[k] & b.words[k];
    }
    return trimmed(out);
  }

  /** Whether the two sets share a name. */
  public boolean meets(NameBits b) {
    int n = Math.min(words.length, b.words.length);
    for (int k = 0; k < n; k++) {
      if ((words[k] & b.words[k]) != 0) {
        return true;
      }
    }
    return false;
  }

  private boolean subsetOf(NameBits b) {
    if (words.length > b.words.length) {
      return false;
    }
    for (int k = 0; k < words.length; k++) {
      if ((words[k] & ~b.words[k]) != 0) {
        return false;
      }
    }
    return true;
  }

  private static NameBits trimmed(long[] w) {
    int n = w.length;
    while (n > 0 && w[n - 1] == 0) {
      n--;
    }
    return n == 0 ? EMPTY : new NameBits(n == w.length ? w : Arrays.copyOf(w, n));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NameBits b && Arrays.equals(words, b.words);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(words);
  }

  /** The numbers of one analysis's names, given as they are first met. */
  static final class Names {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** The number of {@code name}, numbering it if it is new. */
    int id(String name) {
      Integer id = ids.get(name);
      if (id == null) {
        id = names.size();
        ids.put(name, id);
        names.add(name);
      }
      return id;
    }

    /** The number of {@code name}, or -1 when it was never met. */
    int known(String name) {
      return ids.getOrDefault(name, -1);
    }

    /** The set of {@code names}. */
    NameBits bits(Iterable<String> names) {
      NameBits b = EMPTY;
      for (String n : names) {
        b = b.with(id(n));
      }
      return b;
    }

    /** The names in {@code b}, in the order they were numbered. */
    List<String> of(NameBits b) {
      List<String> out = new ArrayList<>();
      for (int k = 0; k < b.words.length * 64; k++) {
        if (b.has(k)) {
          out.add(names.get(k));
        }
      }
      return out;
    }
  }
}
