package org.phloem.runtime.data;

/**
 * One thing wrong with the data, positioned as precisely as it can be.
 *
 * @param file the file concerned (as the user would find it), or "" when it is about the model
 * @param row the 1-based line number in the file (the header is line 1), or 0 when not about one row
 * @param column the column name, or "" when not about one column
 * @param message what is wrong and what was expected
 * @param modelLine the line of the model declaration that asked for it, or 0
 */
public record DataProblem(String file, int row, String column, String message, int modelLine) {
  /** One line for a terminal: {@code file, line 12, column 'tmax': message}. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    if (!file.isEmpty()) {
      s.append(file);
      if (row > 0) {
        s.append(", line ").append(row);
      }
      if (!column.isEmpty()) {
        s.append(", column '").append(column).append('\'');
      }
      s.append(": ");
    }
    s.append(message);
    if (modelLine > 0) {
      s.append(" (declared at model line ").append(modelLine).append(')');
    }
    return s.toString();
  }
}
