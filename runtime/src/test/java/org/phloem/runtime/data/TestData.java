package org.phloem.runtime.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Helpers for the data tests: the bundled tidy tables, and small files written into temp folders. */
final class TestData {
  private TestData() {}

  /** The bundled tidy folder: from {@code phloem.data} (set by surefire) when it exists, else /work/shared/data. */
  static Path tidyRoot() {
    String prop = System.getProperty(DataRoot.SYSTEM_PROPERTY);
    Path data = prop != null && Files.isDirectory(Path.of(prop)) ? Path.of(prop) : Path.of("/work/shared/data");
    return data.resolve("tidy");
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
