package org.phloem.runtime.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects every problem found while binding. Row-level problems of one kind in one column are capped,
 * so a column of ten thousand bad cells gives a readable message and a count, not ten thousand lines.
 */
final class ProblemLog {
  /** Row-level problems shown per file, column and kind before the rest are only counted. */
  static final int SHOWN_PER_KIND = 10;

  private final Set<DataProblem> problems = new LinkedHashSet<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private final Map<String, DataProblem> firstOfKind = new HashMap<>();

  void add(DataProblem p) {
    problems.add(p);
  }

  void add(String file, int row, String column, String message, int modelLine) {
    add(new DataProblem(file, row, column, message, modelLine));
  }

  /** A row-level problem of some kind (e.g. "text", "missing"); beyond the cap it is only counted. */
  void addRow(String kind, String file, int row, String column, String message, int modelLine) {
    addRow(kind, file, row, column, () -> message, modelLine);
  }

  /**
   * {@link #addRow(String, String, int, String, String, int)} with the message worked out only when it
   * will be shown: a "did you mean" over thousands of labels is costly, and only ten rows are printed.
   */
  void addRow(String kind, String file, int row, String column, java.util.function.Supplier<String> message, int modelLine) {
    String key = kind + '\u0000' + file + '\u0000' + column;
    int n = counts.merge(key, 1, Integer::sum);
    if (n == 1) {
      firstOfKind.put(key, new DataProblem(file, 0, column, kind, modelLine));
    }
    if (n <= SHOWN_PER_KIND) {
      add(file, row, column, message.get(), modelLine);
    }
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /**
   * Everything found, grouped by file (in the order files were first mentioned) and by line within a file,
   * then a count line for each capped kind.
   */
  List<DataProblem> all() {
    List<DataProblem> out = new ArrayList<>(problems);
    Map<String, Integer> fileOrder = new HashMap<>();
    for (DataProblem p : out) {
      fileOrder.putIfAbsent(p.file(), fileOrder.size());
    }
    out.sort(Comparator.comparingInt((DataProblem p) -> fileOrder.get(p.file())).thenComparingInt(DataProblem::row));
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      int more = e.getValue() - SHOWN_PER_KIND;
      if (more > 0) {
        DataProblem f = firstOfKind.get(e.getKey());
        out.add(new DataProblem(f.file(), 0, f.column(),
            "... and " + more + " more row(s) like the above (" + e.getValue() + " in all)", f.modelLine()));
      }
    }
    return out;
  }

  void throwIfAny() throws DataException {
    if (!isEmpty()) {
      throw new DataException(all());
    }
  }
}
