package org.phloem.runtime.engine;

/**
 * Makes an {@link Engine} of one kind; registered in {@code META-INF/services} so that {@link Engines}
 * finds it when its module is on the class path.
 */
public interface EngineProvider {

  /** The name the command line uses ({@code local}, {@code spark}). */
  String name();

  /**
   * Opens an engine.
   *
   * @param master where it runs, in the engine's own terms (Spark's master URL), or null for its default
   * @param threads how many units run at once in this JVM (the local engine), or 0 for every core
   */
  Engine open(String master, int threads);
}
