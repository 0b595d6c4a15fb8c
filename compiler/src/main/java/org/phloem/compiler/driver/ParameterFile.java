package org.phloem.compiler.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ParamInfo;

/**
 * Reads parameter values from a CSV with a {@code name} column and a {@code value} (or {@code posterior},
 * as a fit writes) column. A name is a slot ({@code vm[3]}, {@code beta[boreal]}) or a whole parameter,
 * whose value then applies to all its elements. Slots not named keep their prior means.
 */
final class ParameterFile {
  private ParameterFile() {}

  /** The point an option like {@code --at prior|FILE} names: the prior means for "prior" (or null), else the file's values. */
  static double[] priorOrFile(String spec, ModelInfo info) throws UserErrors.UserException {
    return spec == null || spec.equals("prior") ? info.priorMeans() : read(Path.of(spec), info);
  }

  /** The values in {@code file}; slots it does not name keep their prior means. */
  static double[] read(Path file, ModelInfo info) throws UserErrors.UserException {
    List<String> lines;
    try {
      lines = org.phloem.runtime.data.TextFile.read(file, org.phloem.runtime.data.TextFile.MAX_SETTINGS_BYTES,
          "parameter file").lines().toList();
    } catch (IOException e) {
      throw new UserErrors.UserException("cannot read the parameter file " + file + ": " + UserErrors.reason(e));
    }
    if (lines.isEmpty()) {
      throw new UserErrors.UserException(file + ": empty; expected a header with 'name' and 'value' columns");
    }
    List<String> header = Arrays.asList(lines.get(0).trim().split("\\s*,\\s*"));
    int nameCol = header.indexOf("name");
    int valueCol = header.indexOf("value") >= 0 ? header.indexOf("value") : header.indexOf("posterior");
    if (nameCol < 0 || valueCol < 0) {
      throw new UserErrors.UserException(file + ", line 1: expected columns 'name' and 'value' (or 'posterior'), found " + header);
    }
    double[] p = info.priorMeans();
    List<String> slots = info.slotNames();
    for (int row = 1; row < lines.size(); row++) {
      String line = lines.get(row).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split("\\s*,\\s*", -1);
      String where = file + ", line " + (row + 1);
      if (cells.length <= Math.max(nameCol, valueCol)) {
        throw new UserErrors.UserException(where + ": expected " + header.size() + " columns, found " + cells.length);
      }
      String name = cells[nameCol].replace("\"", "");
      double value;
      try {
        value = Double.parseDouble(cells[valueCol]);
      } catch (NumberFormatException e) {
        throw new UserErrors.UserException(where + ", column '" + header.get(valueCol) + "': '" + cells[valueCol] + "' is not a number");
      }
      if (!Double.isFinite(value)) {
        throw new UserErrors.UserException(where + ", column '" + header.get(valueCol) + "': '" + cells[valueCol]
            + "' is not a finite number" + (Double.isInfinite(value) ? " (it overflows to infinity)" : ""));
      }
      int slot = slots.indexOf(name);
      if (slot >= 0) {
        p[slot] = value;
        continue;
      }
      ParamInfo whole = info.params().stream().filter(q -> q.name().equals(name)).findFirst().orElse(null);
      if (whole == null) {
        throw new UserErrors.UserException(where + ": the model has no parameter '" + name + "'; it has " + slots);
      }
      Arrays.fill(p, whole.offset(), whole.offset() + whole.size(), value);
    }
    return p;
  }
}
