package org.phloem.runtime.data;

import java.util.List;

/**
 * An {@code input} declaration: an array bound by name from the data.
 *
 * @param name the input's name in the model
 * @param dims its dimensions' names (empty for a scalar)
 * @param table the table it must come from ({@code input x[day] = obs.nee}), or null to search every
 *     declared table for a column called {@code column}
 * @param column the column holding its values; the input's own name when not given
 * @param allowMissing whether blank/NaN cells are allowed (they bind as NaN)
 * @param line the declaration's line in the model file, 0 when unknown
 * @param unit the declared unit as written ({@code unit m/s}), or null; checked against a NetCDF
 *     variable's {@code units} attribute
 */
public record InputSpec(String name, List<String> dims, String table, String column, boolean allowMissing, int line,
    String unit) implements java.io.Serializable {
  public InputSpec {
    dims = List.copyOf(dims);
    if (column == null) {
      column = name;
    }
  }

  /** An input without a declared unit. */
  public InputSpec(String name, List<String> dims, String table, String column, boolean allowMissing, int line) {
    this(name, dims, table, column, allowMissing, line, null);
  }
}
