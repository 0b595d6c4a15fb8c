package org.phloem.runtime.data;

import java.util.Locale;

/**
 * A {@code data} declaration: a CSV table, or a NetCDF file (or a series of them), the model's inputs
 * are bound from.
 *
 * @param name the table's name in the model ({@code data obs = "..."}; the file stem when not given)
 * @param path the path relative to the data root, as written; a NetCDF series holds one
 *     {@code {first..last}} range of integers ({@code "malta/transport2D_{1980..2003}.nc"})
 * @param line the declaration's line in the model file (for messages), 0 when unknown
 * @param along the NetCDF dimension the files of a series are joined along, or null
 * @param where the row condition ({@code where year >= 2005}) of a CSV table, or null for every row
 */
public record TableSpec(String name, String path, int line, String along, RowCondition where) implements java.io.Serializable {

  /** A plain table: every row, one file. */
  public TableSpec(String name, String path, int line) {
    this(name, path, line, null, null);
  }

  /** True for a NetCDF file (by its extension, {@code .nc} or {@code .nc4}); false for CSV. */
  public boolean netCdf() {
    return isNetCdfPath(path);
  }

  /** True when a path names a NetCDF file by its extension. */
  public static boolean isNetCdfPath(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith(".nc") || p.endsWith(".nc4");
  }
}
