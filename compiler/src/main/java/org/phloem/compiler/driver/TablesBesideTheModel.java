package org.phloem.compiler.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.data.DataException;
import org.phloem.runtime.data.DataProblem;
import org.phloem.runtime.data.DataRoot;
import org.phloem.runtime.data.TableSpec;

/**
 * The commonest first mistake with a model of one's own: its tables lie beside the {@code .phl} file, but
 * table paths are relative to the data root, which by default is the Phloem checkout's {@code data/}.
 * When every table missing under the root is there in the model's folder, the data problems get one more
 * line saying so and naming the option that reads them ({@code --data}); the tables are not read from
 * there unasked, so one model never reads two folders' files by accident.
 */
final class TablesBesideTheModel {
  private TablesBesideTheModel() {}

  /**
   * {@code refused} with the hint added when it applies, else {@code refused} itself.
   *
   * @param model the model file (null for text that came from no file)
   */
  static DataException hint(DataException refused, Path model, Path root, List<TableSpec> tables) {
    if (model == null || model.toAbsolutePath().getParent() == null) {
      return refused;
    }
    Path folder = model.toAbsolutePath().normalize().getParent();
    if (folder.equals(root.toAbsolutePath().normalize())) {
      return refused;
    }
    List<TableSpec> missing = new ArrayList<>();
    for (TableSpec t : tables) {
      if (t.path().contains("{")) {
        continue; // a file series (`along`): its files are named by a pattern, not one path
      }
      Path atRoot = under(root, t);
      if (atRoot == null) {
        return refused; // a path refused under the root: that message stands alone
      }
      if (!Files.exists(atRoot)) {
        Path beside = under(folder, t);
        if (beside == null || !Files.isRegularFile(beside)) {
          return refused; // not all of them are beside the model: the hint would not help
        }
        missing.add(t);
      }
    }
    if (missing.isEmpty()) {
      return refused;
    }
    List<DataProblem> problems = new ArrayList<>(refused.problems());
    String names = String.join(", ", missing.stream().map(TableSpec::path).distinct().toList());
    problems.add(new DataProblem("", 0, "", (missing.size() == 1 ? names + " is" : names + " are")
        + " in the model's folder " + folder + ", but tables are read from the data root " + root
        + ". Run with --data " + folder + " (or set " + DataRoot.ENVIRONMENT_VARIABLE + ") to read them from there.",
        missing.get(0).line()));
    return new DataException(problems);
  }

  /** Where {@code t} lies under {@code folder}, or null when its path may not be read from there. */
  private static Path under(Path folder, TableSpec t) {
    try {
      return DataRoot.confine(folder, t.path(), t.line());
    } catch (DataException refusedPath) {
      return null;
    }
  }
}
