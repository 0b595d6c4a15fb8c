package org.phloem.runtime.engine;

import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.data.BoundData;

/**
 * A generated model class as bytes, with the layout its constructor takes: what an engine ships to
 * another JVM so that a model runs there without the compiler. The same bytes define the same code, so a
 * site evaluated on an executor gives the bits the driver's own instance gives.
 *
 * <p>Each JVM defines the class once per distinct class file (keyed by its SHA-256), in a loader of its
 * own whose parent is the runtime's loader.
 *
 * @param className the class's binary name (dots)
 * @param bytes the class file
 * @param layout what the generated constructor takes besides the data
 */
public record ModelCode(String className, byte[] bytes, ModelLayout layout) implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Constructor<?>> DEFINED = new ConcurrentHashMap<>();

  /** A model instance over {@code data}. */
  public CompiledModel bind(BoundData data) {
    try {
      return (CompiledModel) constructor().newInstance(layout, data);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot instantiate generated class " + className, e);
    }
  }

  private Constructor<?> constructor() {
    return DEFINED.computeIfAbsent(digest(), k -> {
      Class<?> cls = new Loader().define(className, bytes);
      try {
        return cls.getConstructor(ModelLayout.class, BoundData.class);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("generated class " + className + " lacks its constructor", e);
      }
    });
  }

  private String digest() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** One loader per class file: a class is defined once per loader. */
  private static final class Loader extends ClassLoader {
    Loader() {
      super(GeneratedModel.class.getClassLoader());
    }

    Class<?> define(String name, byte[] b) {
      return defineClass(name, b, 0, b.length);
    }
  }
}
