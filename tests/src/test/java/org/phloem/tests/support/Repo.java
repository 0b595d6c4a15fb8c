package org.phloem.tests.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;

/** Where the repository and its data are, and a one-line way to compile and bind a model of it. */
public final class Repo {
  private Repo() {}

  /** The repository root: the {@code phloem.repo} property (set by surefire), else found upward. */
  public static Path root() {
    String property = System.getProperty("phloem.repo");
    if (property != null && Files.isDirectory(Path.of(property, "models"))) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("models"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the repository root (no models/ folder above " + Path.of("").toAbsolutePath() + ")");
    }
    return p;
  }

  /** A file under the repository's {@code models/} folder. */
  public static Path model(String relative) {
    return root().resolve("models").resolve(relative);
  }

  /**
   * The data root the models read from in tests: always the repository's own {@code data/} folder (what
   * a run finds by default), never a folder beside the checkout or one named by PHLOEM_DATA.
   */
  public static Path dataRoot(Path model) {
    return root().resolve("data");
  }

  /** The original files the repository carries as they are ({@code data/raw/}). */
  public static Path rawData() {
    return root().resolve("data/raw");
  }

  /** Compiles (with derivatives) and binds a model of the repository to the repository's data. */
  public static CompiledModel load(String relative) throws Exception {
    Path file = model(relative);
    Compilation c = Pipeline.compile(file, true);
    return c.bind(dataRoot(file));
  }
}
