package org.phloem.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the last successful binding and gives it again while nothing it came from changed: the same
 * {@code data}, {@code dim} and {@code input} declarations (their line numbers aside, so a comment
 * added above them does not count), the same data root, and every file the tables name with the same
 * modification time and size. For {@code phloem watch}, where most saves change the equations and
 * not the data. Bound inputs are read-only (generated code never stores into them), so two model
 * instances can share one binding.
 */
public final class BindingCache {
  /** What a binding depends on; equal keys bind equal data. */
  private record Key(Path root, List<TableSpec> tables, List<DimSpec> dims, List<InputSpec> inputs, long maxElements,
      List<Stamp> files) {}

  /** One data file as last seen: null times for a file that is missing. */
  private record Stamp(Path file, FileTime modified, long size) {}

  private Key lastKey;
  private BoundData last;
  private boolean reused;

  /**
   * The binding of {@link DataBinder#bind(Path, List, List, List, long, UnitCheck)}, the previous one
   * when nothing it depends on changed.
   */
  public BoundData bind(Path dataRoot, List<TableSpec> tables, List<DimSpec> dims, List<InputSpec> inputs, long maxElements,
      UnitCheck units) throws DataException {
    Key key = key(dataRoot, tables, dims, inputs, maxElements);
    if (key != null && key.equals(lastKey)) {
      reused = true;
      return last;
    }
    reused = false;
    lastKey = null;
    last = null;
    BoundData data = DataBinder.bind(dataRoot, tables, dims, inputs, maxElements, units);
    // stamps taken before reading would miss a file written while it was read; after, they can only
    // make the next round read again
    lastKey = key == null ? null : key(dataRoot, tables, dims, inputs, maxElements);
    last = data;
    return data;
  }

  /** Whether the last {@link #bind} gave the previous binding again. */
  public boolean reused() {
    return reused;
  }

  /** The key, or null when a table's files cannot be listed (the binder reports why). */
  private static Key key(Path root, List<TableSpec> tables, List<DimSpec> dims, List<InputSpec> inputs, long maxElements) {
    List<TableSpec> t = new ArrayList<>();
    List<Stamp> files = new ArrayList<>();
    for (TableSpec s : tables) {
      t.add(new TableSpec(s.name(), s.path(), 0, s.along(), s.where()));
      try {
        for (String p : FileSeries.expand(s.path())) {
          files.add(stamp(DataRoot.confine(root, p, 0)));
        }
      } catch (IllegalArgumentException | DataException e) {
        return null;
      }
    }
    List<DimSpec> d = dims.stream().map(s -> new DimSpec(s.name(), s.fixedSize(), 0)).toList();
    List<InputSpec> in = inputs.stream()
        .map(s -> new InputSpec(s.name(), s.dims(), s.table(), s.column(), s.allowMissing(), 0, s.unit())).toList();
    return new Key(root.toAbsolutePath().normalize(), t, d, in, maxElements, files);
  }

  private static Stamp stamp(Path file) {
    try {
      return new Stamp(file, Files.getLastModifiedTime(file), Files.size(file));
    } catch (IOException e) {
      return new Stamp(file, null, -1);
    }
  }
}
