package org.phloem.runtime.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Helpers for the data tests: the repository's tables, and small files written into temp folders. */
final class TestData {
  private TestData() {}

  /** The repository's data folder, the default data root (tests never read data from outside the checkout). */
  static Path dataRoot() {
    return RepositoryData.data();
  }

  static Path write(Path dir, String relative, String text) {
    try {
      Path p = dir.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InputSpec input(String name, List<String> dims, String table, String column, boolean missing, int line) {
    return new InputSpec(name, dims, table, column, missing, line);
  }

  static InputSpec input(String name, String... dims) {
    return new InputSpec(name, List.of(dims), null, null, false, 0);
  }

  static DimSpec dim(String name) {
    return new DimSpec(name, -1, 0);
  }
}
