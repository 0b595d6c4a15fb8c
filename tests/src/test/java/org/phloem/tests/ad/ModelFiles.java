package org.phloem.tests.ad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.phloem.tests.support.Repo;

/**
 * Every model of the repository: each {@code .phl} file under {@code models/} that declares
 * {@code model} (files that only hold declarations for others to include are skipped). Found afresh on
 * every run, so a model added to the repository is checked without touching the tests.
 */
public final class ModelFiles {
  private static final Pattern DECLARES_MODEL = Pattern.compile("(?m)^\\s*model\\s+\\w+");

  private ModelFiles() {}

  /** The model files, as paths relative to {@code models/}, sorted. */
  public static List<String> all() {
    Path models = Repo.root().resolve("models");
    try (Stream<Path> files = Files.walk(models)) {
      return files.filter(p -> p.toString().endsWith(".phl") && declaresModel(p))
          .map(p -> models.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean declaresModel(Path file) {
    try {
      String text = Files.readString(file);
      // comments may mention the word; strip them before looking
      String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
      return DECLARES_MODEL.matcher(code).find();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
