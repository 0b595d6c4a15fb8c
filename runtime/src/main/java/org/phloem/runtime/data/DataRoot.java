package org.phloem.runtime.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one folder that table paths in models are relative to (e.g. {@code dalec_oregon/drivers.csv} is
 * found under it). By default it is the {@code data/} folder of the Phloem checkout, which carries the
 * tables its models, demo and tests read.
 *
 * @param path the folder
 * @param source how it was found, for messages ("--data", "PHLOEM_DATA", "phloem.data", "found beside ...")
 */
public record DataRoot(Path path, String source) {
  /** The environment variable naming the data root. */
  public static final String ENVIRONMENT_VARIABLE = "PHLOEM_DATA";
  /** The Java system property naming the data root. */
  public static final String SYSTEM_PROPERTY = "phloem.data";
  /** The Java system property naming the Phloem checkout (the launcher sets it). */
  public static final String REPOSITORY_PROPERTY = "phloem.repo";
  /** The data folder of a checkout, searched for upward from the model and the working directory. */
  static final String FOLDER = "data";
  /**
   * The file that marks {@link #FOLDER} as a data root: a folder merely named {@code data} (a model's own
   * {@code models/sdbm/data}, say) is not taken for one.
   */
  static final String MARKER = "SOURCES.md";

  /**
   * Finds the data root as a run would: {@code explicit} (the {@code --data} option) if given, else the
   * {@code PHLOEM_DATA} environment variable, else the {@code phloem.data} system property, else a
   * {@code data/} folder holding a {@code SOURCES.md} beside the model's folder or the working directory
   * or one of their ancestors, else the {@code data/} folder of the checkout named by the
   * {@code phloem.repo} property. A named folder that holds a {@code tidy/} folder stands for that child.
   *
   * @param explicit the path given on the command line, or null
   * @param modelFile the model being run, or null
   * @throws DataException when a named folder does not exist or nothing is found (the message says where
   *     it looked and how to set the root)
   */
  public static DataRoot locate(Path explicit, Path modelFile) throws DataException {
    return locate(explicit, modelFile, System.getenv(ENVIRONMENT_VARIABLE), System.getProperty(SYSTEM_PROPERTY),
        Path.of("").toAbsolutePath(), System.getProperty(REPOSITORY_PROPERTY));
  }

  /** {@link #locate(Path, Path)} with the environment, properties and working directory given (for tests). */
  static DataRoot locate(Path explicit, Path modelFile, String environment, String property, Path workingDir,
      String repository) throws DataException {
    if (explicit != null) {
      return named(explicit, "--data");
    }
    if (environment != null && !environment.isBlank()) {
      return named(Path.of(environment), "environment variable " + ENVIRONMENT_VARIABLE);
    }
    if (property != null && !property.isBlank()) {
      return named(Path.of(property), "system property " + SYSTEM_PROPERTY);
    }
    Set<Path> looked = new LinkedHashSet<>();
    List<Path> starts = new ArrayList<>();
    if (modelFile != null) {
      Path folder = modelFile.toAbsolutePath().normalize().getParent();
      if (folder != null) {
        starts.add(folder);
      }
    }
    if (workingDir != null) {
      starts.add(workingDir.toAbsolutePath().normalize());
    }
    for (Path start : starts) {
      for (Path p = start; p != null; p = p.getParent()) {
        Path candidate = p.resolve(FOLDER);
        if (looked.add(candidate) && Files.isRegularFile(candidate.resolve(MARKER))) {
          return new DataRoot(candidate, "found beside " + p);
        }
      }
    }
    if (repository != null && !repository.isBlank()) {
      Path candidate = Path.of(repository).toAbsolutePath().normalize().resolve(FOLDER);
      if (looked.add(candidate) && Files.isDirectory(candidate)) {
        return new DataRoot(candidate, "the Phloem checkout's data folder");
      }
    }
    StringBuilder m = new StringBuilder("No data folder found. Looked for a " + FOLDER + "/ folder holding "
        + MARKER + " (the checkout's data folder) in");
    for (Path p : looked) {
      m.append("\n  ").append(p);
    }
    m.append('\n').append(HOW_TO_SET);
    throw new DataException(new DataProblem("", 0, "", m.toString(), 0));
  }

  private static final String HOW_TO_SET = "Set it with --data <folder>, the environment variable "
      + ENVIRONMENT_VARIABLE + "=<folder>, or -D" + SYSTEM_PROPERTY + "=<folder>; the folder may be the data "
      + "folder holding tidy/ or the tidy folder itself. A Phloem checkout carries its data in its data/ folder.";

  private static DataRoot named(Path given, String source) throws DataException {
    Path p = given.toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      String what = Files.exists(p) ? "is not a folder" : "does not exist";
      throw new DataException(new DataProblem("", 0, "",
          "The data folder " + p + " (from " + source + ") " + what + ".\n" + HOW_TO_SET, 0));
    }
    Path tidy = p.resolve("tidy");
    return new DataRoot(Files.isDirectory(tidy) ? tidy : p, source);
  }

  /** A table path from a model, resolved against this root (not yet confined: see {@link #confine}). */
  public Path resolve(String tablePath) {
    return path.resolve(tablePath).normalize();
  }

  /**
   * Why a model's table path may not be used, judged on its text alone: absolute, or climbing out of the
   * data folder with {@code ..}; null when it stays inside. The compiler reports this at the path's
   * position; {@link #confine} applies it again (with symbolic links) when the data are read.
   */
  public static String lexicalRefusal(String tablePath) {
    if (tablePath.isEmpty()) {
      return "the data path is empty";
    }
    if (tablePath.indexOf('\0') >= 0) {
      return "the data path holds a NUL character";
    }
    Path p;
    try {
      p = Path.of(tablePath);
    } catch (java.nio.file.InvalidPathException e) {
      return "'" + tablePath + "' is not a valid file path";
    }
    if (p.isAbsolute() || p.getRoot() != null || tablePath.startsWith("/") || tablePath.startsWith("\\")
        || tablePath.startsWith("~")) {
      return "the data path '" + tablePath + "' is absolute";
    }
    Path n = p.normalize();
    if (n.startsWith("..") || n.toString().isEmpty()) {
      return "the data path '" + tablePath + "' leads out of the data folder";
    }
    return null;
  }

  /**
   * The file a model's table path names, confined to the data folder {@code root}: the one check every
   * kind of data source (CSV, NetCDF, ...) goes through before opening anything. Refuses absolute paths,
   * {@code ..} that climbs out, and symbolic links that lead out; a refusal says nothing of the file
   * (it is never opened). A path that does not exist is returned as is (the caller reports it missing).
   *
   * @param modelLine the model line declaring the table, for the message
   * @throws DataException when the path is refused
   */
  public static Path confine(Path root, String tablePath, int modelLine) throws DataException {
    String refusal = lexicalRefusal(tablePath);
    if (refusal != null) {
      throw refused(refusal + ". Data paths are relative to the data folder " + root + " and stay inside it",
          modelLine);
    }
    Path file = root.resolve(tablePath).normalize();
    if (!file.startsWith(root.normalize())) {
      throw refused("the data path '" + tablePath + "' leads out of the data folder " + root, modelLine);
    }
    if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
      return file;
    }
    try {
      Path realRoot = root.toRealPath();
      Path real = file.toRealPath();
      if (!real.startsWith(realRoot)) {
        throw refused("the data path '" + tablePath + "' is a symbolic link (or passes through one) that leads out"
            + " of the data folder " + root + "; data must lie inside it", modelLine);
      }
      return real;
    } catch (java.io.IOException e) {
      // A dangling link, or a folder on the way that cannot be entered: not inside as far as we can tell.
      if (Files.isSymbolicLink(file)) {
        throw refused("the data path '" + tablePath + "' is a symbolic link that leads nowhere readable", modelLine);
      }
      return file;
    }
  }

  private static DataException refused(String why, int modelLine) {
    return new DataException(new DataProblem("", 0, "", "refused: " + why + ".", modelLine));
  }

  @Override
  public String toString() {
    return path + " (" + source + ")";
  }
}
