package org.phloem.tests.nist;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.phloem.runtime.CompiledModel;
import org.phloem.tests.support.Repo;

/** Where the NIST models and their data are, and the models compiled once and bound to their data. */
public final class NistModels {
  private NistModels() {}

  private static final Map<String, CompiledModel> COMPILED = new ConcurrentHashMap<>();

  /** The folder of the NIST models. */
  public static Path modelFolder() {
    return Repo.model("nist");
  }

  /** The data root a run of the NIST models would use. */
  public static Path dataRoot() {
    try {
      return Repo.dataRoot(modelFolder().resolve("misra1a.phl"));
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * The model of {@code problem}, compiled with its derivatives (as a fit compiles it) and bound to its
   * data; compiled once per test run. Callers must not share the instance across threads.
   */
  public static CompiledModel compiled(NistProblem problem) {
    return COMPILED.computeIfAbsent(problem.name(), k -> {
      String file = "nist/" + problem.modelFileName();
      try {
        return Repo.load(file);
      } catch (Exception e) {
        throw new AssertionError("models/" + file + " does not compile or bind:\n" + e.getMessage(), e);
      }
    });
  }
}
