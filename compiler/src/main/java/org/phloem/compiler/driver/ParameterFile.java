package org.phloem.compiler.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ParamInfo;

/**
 * Reads parameter values from a CSV with a {@code name} column and a {@code value} (or {@code posterior},
 * as a fit writes) column. A name is a slot ({@code vm[3]}, {@code beta[boreal]}) or a whole parameter,
 * whose value then applies to all its elements. Slots not named keep their prior means.
 *
 * <p>Every row is checked before anything runs, and every problem is reported at once with its file
 * and line: a value that is not a finite number (NaN, NA, Inf, or a number such as 1e400 that
 * overflows), a name the model does not have, and a slot named twice (also through its whole
 * parameter), which would otherwise silently keep the last value.
 */
final class ParameterFile {
  private ParameterFile() {}

  /** The point an option like {@code --at prior|FILE} names: the prior means for "prior" (or null), else the file's values. */
  static double[] priorOrFile(String spec, ModelInfo info) throws UserErrors.UserException {
    return spec == null || spec.equals("prior") ? info.priorMeans() : read(Path.of(spec), info);
  }

  /**
   * A fit's start: as {@link #priorOrFile}, and every value the file gives must also lie within its
   * slot's bounds (and be positive on a {@code log} slot), since the search cannot start outside them.
   */
  static double[] start(String spec, ModelInfo info) throws UserErrors.UserException {
    if (spec == null || spec.equals("prior")) {
      return info.priorMeans();
    }
    return parse(Path.of(spec), info, true);
  }

  /** The values in {@code file}; slots it does not name keep their prior means. */
  static double[] read(Path file, ModelInfo info) throws UserErrors.UserException {
    return parse(file, info, false);
  }

  private static double[] parse(Path file, ModelInfo info, boolean withinBounds) throws UserErrors.UserException {
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
    Map<Integer, Integer> setAt = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (int row = 1; row < lines.size(); row++) {
      String line = lines.get(row).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split("\\s*,\\s*", -1);
      String where = file + ", line " + (row + 1);
      if (cells.length <= Math.max(nameCol, valueCol)) {
        problems.add(where + ": expected " + header.size() + " columns, found " + cells.length);
        continue;
      }
      String name = cells[nameCol].replace("\"", "");
      String text = cells[valueCol].replace("\"", "");
      int[] range = slotsOf(name, slots, info);
      if (range == null) {
        problems.add(where + ": " + unknown(name, info));
        continue;
      }
      for (int slot = range[0]; slot < range[1]; slot++) {
        Integer earlier = setAt.putIfAbsent(slot, row + 1);
        if (earlier != null) {
          problems.add(where + ": '" + slots.get(slot) + "' was already given at line " + earlier + "; give each parameter once");
          break;
        }
      }
      String valueProblem = valueProblem(text);
      if (valueProblem != null) {
        problems.add(where + ", column '" + header.get(valueCol) + "': " + valueProblem);
        continue;
      }
      double value = Double.parseDouble(text);
      if (withinBounds) {
        String bound = boundProblem(info, range, value);
        if (bound != null) {
          problems.add(where + ": " + bound);
          continue;
        }
      }
      Arrays.fill(p, range[0], range[1], value);
    }
    if (!problems.isEmpty()) {
      throw new UserErrors.UserException((problems.size() == 1 ? "Problem" : problems.size() + " problems") + " in the parameter file "
          + file + ":\n  " + String.join("\n  ", problems));
    }
    return p;
  }

  /** The slots [from, to) a name denotes: one slot, or all the slots of a whole parameter; null when unknown. */
  private static int[] slotsOf(String name, List<String> slots, ModelInfo info) {
    int slot = slots.indexOf(name);
    if (slot >= 0) {
      return new int[] {slot, slot + 1};
    }
    for (ParamInfo q : info.params()) {
      if (q.name().equals(name)) {
        return new int[] {q.offset(), q.offset() + q.size()};
      }
    }
    return null;
  }

  /** Why a cell is not a usable value, or null when it is a finite number. */
  static String valueProblem(String text) {
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      if (text.isEmpty() || text.equalsIgnoreCase("NA")) {
        return "the value is missing ('" + text + "'); give a number, or leave the row out to keep the prior mean";
      }
      return "'" + text + "' is not a number";
    }
    if (Double.isNaN(v)) {
      return "'" + text + "' is not a number (NaN); give a number, or leave the row out to keep the prior mean";
    }
    if (Double.isInfinite(v)) {
      boolean written = text.toLowerCase(Locale.ROOT).contains("infinity");
      return "'" + text + "' is " + (written ? "infinite" : "beyond the largest double (about 1.8e308), so it reads as infinity")
          + "; a parameter needs a finite value";
    }
    return null;
  }

  private static String boundProblem(ModelInfo info, int[] range, double value) {
    for (int slot = range[0]; slot < range[1]; slot++) {
      ParamInfo q = info.paramAt(slot);
      int e = slot - q.offset();
      String name = info.slotNames().get(slot);
      if (q.logScale() && !(value > 0)) {
        return name + " is searched on a log scale (declared 'log'), so its start must be positive, got " + value;
      }
      if (value < q.lower()[e] || value > q.upper()[e]) {
        return name + " = " + value + " is outside its bounds [" + q.lower()[e] + ", " + q.upper()[e] + "] (declared at model line "
            + q.line() + "); a fit cannot start outside them";
      }
    }
    return null;
  }

  /** Why a name is not one of the model's: no such parameter, or no such element of one. */
  private static String unknown(String name, ModelInfo info) {
    int bracket = name.indexOf('[');
    if (bracket > 0) {
      String base = name.substring(0, bracket);
      for (ParamInfo q : info.params()) {
        if (q.name().equals(base)) {
          List<String> elements = info.slotNames().subList(q.offset(), q.offset() + q.size());
          return "parameter '" + base + "' has no element '" + name + "'; its elements are "
              + (elements.size() <= 10 ? String.join(", ", elements) : String.join(", ", elements.subList(0, 10)) + ", ...");
        }
      }
    }
    return "the model has no parameter '" + name + "'; its parameters are " + parameterNames(info);
  }

  private static String parameterNames(ModelInfo info) {
    List<String> names = info.params().stream().map(ParamInfo::name).toList();
    return names.size() <= 20 ? String.join(", ", names) : String.join(", ", names.subList(0, 20)) + ", ... (" + names.size() + " in all)";
  }
}
