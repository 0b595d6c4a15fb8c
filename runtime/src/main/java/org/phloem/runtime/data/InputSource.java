package org.phloem.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where one input's values live: its table, its value column, and for each of its dims the column that
 * names the element (null when a 1-D input is read by position).
 */
record InputSource(InputSpec input, CsvTable table, String column, List<String> dimColumns) {

  /** True when no dim column aligns the rows: row i is element i. */
  boolean positional() {
    return dimColumns.stream().allMatch(c -> c == null);
  }

  /** Opens the declared tables (each file once) and finds each input's table and columns. */
  static final class Resolver {
    private final Path root;
    private final ProblemLog log;
    private final Map<String, TableSpec> specs = new LinkedHashMap<>();
    /** Opened tables by table name; absent when the file could not be read. */
    private final Map<String, CsvTable> tables = new LinkedHashMap<>();

    Resolver(Path root, List<TableSpec> tableSpecs, ProblemLog log) {
      this.root = root;
      this.log = log;
      // One read per file and row condition: two declarations of a file with different conditions are two tables.
      Map<String, CsvTable> byFile = new LinkedHashMap<>();
      for (TableSpec t : tableSpecs) {
        specs.put(t.name(), t);
        Path file;
        try {
          file = DataRoot.confine(root, t.path(), t.line());
        } catch (DataException refused) {
          refused.problems().forEach(log::add);
          continue;
        }
        String key = file + "\u0000" + t.where();
        if (byFile.containsKey(key)) {
          if (byFile.get(key) != null) {
            tables.put(t.name(), byFile.get(key));
          }
          continue;
        }
        CsvTable table = null;
        if (Files.isDirectory(file)) {
          log.add(file.toString(), 0, "", "this is a folder, not a table file", t.line());
        } else if (Files.exists(file) && !Files.isRegularFile(file)) {
          log.add(file.toString(), 0, "", "this is a device or special file, not a table file", t.line());
        } else if (!Files.exists(file)) {
          log.add(file.toString(), 0, "", "file not found. The data folder is " + root + nearestFiles(t.path()),
              t.line());
        } else {
          table = CsvTable.open(file, file.toString(), log, t.line());
          if (table != null && t.where() != null) {
            table.selection = new RowSelection(t.where(), t.line());
          }
        }
        byFile.put(key, table);
        if (table != null) {
          tables.put(t.name(), table);
        }
      }
    }

    /** Every table that could be opened, by name. */
    Map<String, CsvTable> tables() {
      return tables;
    }

    private String nearestFiles(String wanted) {
      List<String> files;
      try (Stream<Path> walk = Files.walk(root, 6)) {
        files = walk.filter(Files::isRegularFile).limit(20_000)
            .map(p -> root.relativize(p).toString().replace('\\', '/')).collect(Collectors.toList());
      } catch (IOException | RuntimeException e) {
        return "";
      }
      if (files.isEmpty()) {
        return ", which holds no files.";
      }
      return "; the nearest existing files are: " + String.join(", ", Nearest.closest(wanted, files, 3)) + ".";
    }

    /** The input's source, or null (with problems logged) when its table or a column cannot be found. */
    InputSource resolve(InputSpec in) {
      String tableName = in.table();
      CsvTable table;
      if (tableName != null) {
        TableSpec spec = specs.get(tableName);
        if (spec == null) {
          log.add("", 0, "", "input '" + in.name() + "' reads table '" + tableName + "', which no `data` line declares"
              + (specs.isEmpty() ? "" : "; declared tables: " + String.join(", ", specs.keySet()) + "."
              + Nearest.didYouMean(tableName, specs.keySet())), in.line());
          return null;
        }
        table = tables.get(tableName);
        if (table == null) {
          return null; // the file's problem is already reported
        }
        if (!hasColumn(table, in.column(), in, "")) {
          return null;
        }
      } else {
        table = search(in);
        if (table == null) {
          return null;
        }
      }
      List<String> dimColumns = new ArrayList<>();
      if (in.dims().size() == 1) {
        String d = in.dims().get(0);
        dimColumns.add(!d.equals(in.column()) && table.header.contains(d) ? d : null);
      } else {
        boolean ok = true;
        for (String d : in.dims()) {
          ok &= hasColumn(table, d, in, "input '" + in.name() + "' over " + in.dims().size()
              + " dims is read from a long table with one column per dim, named like the dim; ");
          dimColumns.add(d);
        }
        if (!ok) {
          return null;
        }
      }
      return new InputSource(in, table, in.column(), dimColumns);
    }

    /** The one opened table with the input's column; logs "not found" or "ambiguous" otherwise. */
    private CsvTable search(InputSpec in) {
      List<String> hits = new ArrayList<>();
      for (Map.Entry<String, CsvTable> e : tables.entrySet()) {
        if (e.getValue().header.contains(in.column()) && !hits.contains(e.getKey())) {
          hits.add(e.getKey());
        }
      }
      if (hits.size() == 1) {
        CsvTable t = tables.get(hits.get(0));
        return hasColumn(t, in.column(), in, "") ? t : null;
      }
      if (hits.size() > 1) {
        String files = hits.stream().map(h -> tables.get(h).display + " (table " + h + ")")
            .collect(Collectors.joining(" and "));
        log.add("", 0, in.column(), "input '" + in.name() + "': column '" + in.column() + "' is in both " + files
            + "; say which, e.g. `input " + in.name() + " = " + hits.get(0) + "." + in.column() + "`", in.line());
        return null;
      }
      if (tables.size() < specs.size()) {
        return null; // it may be in a table that could not be read, which is reported already
      }
      List<String> all = new ArrayList<>();
      tables.values().forEach(t -> all.addAll(t.header));
      String near = Nearest.plausible(in.column(), all);
      String where = near == null ? "" : " Did you mean '" + near + "' (in " + tables.values().stream()
          .filter(t -> t.header.contains(near)).findFirst().map(t -> t.display).orElse("") + ")?";
      log.add("", 0, in.column(), "input '" + in.name() + "': no declared table has a column '" + in.column()
          + "' (tables: " + tables.values().stream().map(t -> t.display).collect(Collectors.joining(", ")) + ")."
          + where, in.line());
      return null;
    }

    private boolean hasColumn(CsvTable table, String column, InputSpec in, String context) {
      int first = table.header.indexOf(column);
      if (first < 0) {
        log.add(table.display, 1, column, context + "no column '" + column + "'; the columns are: "
            + String.join(", ", table.header) + "." + Nearest.didYouMean(column, table.header), in.line());
        return false;
      }
      int last = table.header.lastIndexOf(column);
      if (last != first) {
        log.add(table.display, 1, column, "the header names column '" + column + "' twice (fields " + (first + 1)
            + " and " + (last + 1) + ")", in.line());
        return false;
      }
      return true;
    }
  }

  @Override
  public String toString() {
    return input.name() + Arrays.toString(dimColumns.toArray()) + " <- " + table.display + ":" + column;
  }
}
