package org.phloem.compiler.codegen;

import java.lang.reflect.Constructor;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.phloem.compiler.ir.LineNumbers;

/**
 * The generated classes a session has defined, by the SHA-256 of their class file, so that a model
 * compiled again to the same bytes (a comment edited, a prior or a number changed (see
 * {@link LiteralsAsData}), a save without change, an edit undone) runs the class already loaded, whose methods the JIT has compiled, instead of a fresh class
 * that starts out interpreted. Equal bytes are the same code: the layout and the data, which differ
 * between such compilations, are passed to the constructor. Keeps the {@code capacity} classes used
 * last; older ones are dropped and can be collected with their loaders. Before emitting, a class is
 * looked up by the shape of its code ({@link #byShape}): when only numbers or lines changed, the class
 * is found without emitting it (tens of milliseconds for the larger models with derivatives).
 */
public final class LoadedClasses {
  private final int capacity;
  private final Map<String, Constructor<?>> byDigest;
  private final Deque<Emitted> shapes = new ArrayDeque<>();

  /** Keeps up to {@code capacity} classes. */
  public LoadedClasses(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.byDigest = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Constructor<?>> eldest) {
        return size() > LoadedClasses.this.capacity;
      }
    };
  }

  /** A class's constructor, and whether the class was loaded before. */
  record Found(Constructor<?> constructor, boolean reused) {}

  /**
   * The constructor of the class {@code bytes} define: the one loaded before for the same bytes, or a
   * new class's. Thread-safe: the watcher's rounds and its warm-up share the classes.
   */
  synchronized Found constructor(String binaryName, byte[] bytes) {
    String digest = digest(bytes);
    Constructor<?> c = byDigest.get(digest);
    if (c != null) {
      return new Found(c, true);
    }
    c = LoadedModel.constructorOf(new ModelClassLoader().define(binaryName, bytes));
    byDigest.put(digest, c);
    return new Found(c, false);
  }

  /**
   * The class emitted before for code of the same shape as {@code code} (equal but for lines and the
   * values of constant arrays, which code generation never reads: {@link LineNumbers#sameCodeWhateverTheConstants}),
   * or null: found without emitting the class again.
   */
  synchronized Emitted byShape(LineNumbers code) {
    for (Emitted e : shapes) {
      if (e.code().sameCodeWhateverTheConstants(code)) {
        shapes.remove(e);
        shapes.addFirst(e);
        return e;
      }
    }
    return null;
  }

  /** Remembers the class emitted for {@code code}, for {@link #byShape}. */
  synchronized void emitted(LineNumbers code, byte[] bytes, Constructor<?> constructor) {
    shapes.addFirst(new Emitted(code, bytes, constructor));
    while (shapes.size() > capacity) {
      shapes.removeLast();
    }
  }

  /** A class and the code it was emitted for. */
  record Emitted(LineNumbers code, byte[] bytes, Constructor<?> constructor) {}

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
