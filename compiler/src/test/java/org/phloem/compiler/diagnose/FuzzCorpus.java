package org.phloem.compiler.diagnose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The valid models the fuzzer mutates: every {@code .phl} under {@code models/} and the front end's good
 * corpus. A file that is only ever included (it has no {@code model} line) gets one prepended, so that
 * its own declarations and statements reach the checker and beyond.
 */
final class FuzzCorpus {
  private static final Pattern MODEL_LINE = Pattern.compile("(?m)^\\s*model\\s");

  /**
   * One seed model.
   *
   * @param name the name shown in messages
   * @param text the model text
   * @param folder the folder its includes resolve in
   */
  record Seed(String name, String text, Path folder) {
    /**
     * This seed as the run-time stage runs it: a model whose 2-D transport runs over 1980-2003 (24
     * years, ~1 s a forward run and minutes in the checking interpreter that names an index fault)
     * runs over 1980-1981 instead, its period's tables, MALTA's fields and year filters shortened alike;
     * the 1990-1993 Jacobian run over 1990-1991 (its station table's months alike). Every statement, dim and data binding stays, only the
     * files' year ranges shrink, so its mutants exercise the same code at a twelfth of the cost. Other
     * seeds are returned as they are.
     */
    Seed forRun() {
      if (!text.contains("period_1980_2003.phl\"") && !text.contains("transport2D_{1980..2003}")
          && !text.contains("transport2D_{1990..1993}")) {
        return this;
      }
      String shorter = text;
      for (String[] r : SHORTER_PERIODS) {
        shorter = shorter.replace(r[0], r[1]);
      }
      return shorter.equals(text) ? this : new Seed(name + " [1980-1981]", shorter, folder);
    }
  }

  /** What {@link Seed#forRun} replaces, and with what. */
  private static final String[][] SHORTER_PERIODS = {
    {"include \"period_1980_2003.phl\"", "include \"period_1980_1981.phl\""},
    {"\"malta/transport2D_{1980..2003}.nc\"", "\"malta/transport2D_{1980..1981}.nc\""},
    {"year >= 1980 && year <= 2003", "year >= 1980 && year <= 1981"},
    {"\"malta/transport2D_{1990..1993}.nc\"", "\"malta/transport2D_{1990..1991}.nc\""},
    {"\"ccdas/station_co2_monthly.csv\" where month < 48", "\"ccdas/station_co2_monthly.csv\" where month < 24"},
  };

  private FuzzCorpus() {}

  /** {@link #seeds()} as the run-time stage runs them ({@link Seed#forRun}). */
  static List<Seed> seedsForRun() {
    return seeds().stream().map(Seed::forRun).toList();
  }

  /** The repository root (surefire sets {@code phloem.repo}; a module's own folder is one level down). */
  static Path repo() {
    String p = System.getProperty("phloem.repo");
    return Path.of(p != null ? p : "..").toAbsolutePath().normalize();
  }

  /** The valid models, as compiled and as mutated. */
  static List<Seed> seeds() {
    List<Seed> seeds = new ArrayList<>();
    Path root = repo();
    for (Path dir : List.of(root.resolve("models"), root.resolve("compiler/src/test/resources/frontend/good"))) {
      for (Path f : phlFiles(dir)) {
        String text = read(f);
        if (!MODEL_LINE.matcher(text).find()) {
          text = "model fuzz \"an included file on its own\"\n" + text;
        }
        seeds.add(new Seed(root.relativize(f).toString(), text, f.getParent()));
      }
    }
    if (seeds.size() < 5) {
      throw new IllegalStateException("the fuzz corpus is missing: found " + seeds.size() + " files under " + root);
    }
    return seeds;
  }

  private static List<Path> phlFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".phl")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
