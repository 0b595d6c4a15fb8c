package org.phloem.tests.nist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.data.DataRoot;

/** Where the NIST models and their data are, and the models compiled once and bound to their data. */
final class NistModels {
  private NistModels() {}

  private static final Map<String, CompiledModel> COMPILED = new ConcurrentHashMap<>();

  /** The repository root: the {@code phloem.repo} property, else the nearest folder up holding {@code models/}. */
  static Path repositoryRoot() {
    String property = System.getProperty("phloem.repo");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("models"))) {
        return p;
      }
    }
    throw new IllegalStateException("no folder holding models/ above " + Path.of("").toAbsolutePath()
        + "; set -Dphloem.repo=<repository root>");
  }

  /** The folder of the NIST models. */
  static Path modelFolder() {
    return repositoryRoot().resolve("models/nist");
  }

  /** The model file of {@code problem}. */
  static Path modelFile(NistProblem problem) {
    return modelFolder().resolve(problem.modelFileName());
  }

  /** The data root a run of the NIST models would use. */
  static Path dataRoot() {
    try {
      return DataRoot.locate(null, modelFolder().resolve("misra1a.phl")).path();
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * The model of {@code problem}, compiled with its derivatives (as a fit compiles it) and bound to its
   * data; compiled once per test run. Callers must not share the instance across threads.
   */
  static CompiledModel compiled(NistProblem problem) {
    return COMPILED.computeIfAbsent(problem.name(), k -> {
      Path file = modelFile(problem);
      try {
        return Pipeline.compile(file, true).bind(DataRoot.locate(null, file).path());
      } catch (Exception e) {
        throw new AssertionError(file + " does not compile or bind:\n" + e.getMessage(), e);
      }
    });
  }
}
