package org.phloem.engine.spark;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.phloem.runtime.CompiledModel;

/**
 * The model instances an executor JVM keeps between tasks, by site (the application and the broadcast id of the
 * site's data): binding a site allocates its arrays and tape, which is done once per executor, not once per
 * evaluation. An instance is used by one task at a time: taken, used, given back.
 */
final class ExecutorModels {
  private static final Map<String, Queue<CompiledModel>> IDLE = new ConcurrentHashMap<>();

  private ExecutorModels() {}

  /** An idle instance of site {@code key}, or a new one from {@code bind}. */
  static CompiledModel take(String key, Supplier<CompiledModel> bind) {
    CompiledModel m = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
    return m != null ? m : bind.get();
  }

  /** Gives {@code m} back for the next task. */
  static void give(String key, CompiledModel m) {
    IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(m);
  }
}
