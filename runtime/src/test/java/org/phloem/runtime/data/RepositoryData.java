package org.phloem.runtime.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the runtime's tests find the repository and the data it carries; never anything beside the checkout. */
public final class RepositoryData {
  private RepositoryData() {}

  /** The repository root: the {@code phloem.repo} property (set by surefire), else found upward from here. */
  public static Path root() {
    String prop = System.getProperty(DataRoot.REPOSITORY_PROPERTY);
    if (prop != null && Files.isRegularFile(Path.of(prop, DataRoot.FOLDER, DataRoot.MARKER))) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(DataRoot.FOLDER).resolve(DataRoot.MARKER))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository (no data/SOURCES.md above " + Path.of("").toAbsolutePath() + ")");
  }

  /** The repository's {@code data/} folder: the default data root. */
  public static Path data() {
    return root().resolve(DataRoot.FOLDER);
  }
}
