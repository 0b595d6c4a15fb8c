package org.phloem.runtime.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds a model's {@code input}s to its {@code data} tables: reads each CSV once (only the columns needed),
 * sizes and labels every {@code dim}, and fills every input, collecting all problems before failing.
 *
 * <p>Formats: a 1-D input is a column of a wide table (aligned by a column named like its dim when the
 * table has one, otherwise by position); an input over two or more dims is a long table with one column
 * per dim plus the value column; a scalar input is a one-row table. Dim columns hold indices 0..N-1 or
 * labels; integer labels (years, months 1..12) order their dim numerically, other labels by first
 * appearance in the first table that has them.
 */
public final class DataBinder {
  /** The default refusal threshold: values (doubles) allocated over all inputs, ~1.6 GB. */
  public static final long DEFAULT_MAX_ELEMENTS = 200_000_000L;

  private DataBinder() {}

  /** {@link #bind(Path, List, List, List, long)} with {@link #DEFAULT_MAX_ELEMENTS}. */
  public static BoundData bind(Path dataRoot, List<TableSpec> tables, List<DimSpec> dims, List<InputSpec> inputs)
      throws DataException {
    return bind(dataRoot, tables, dims, inputs, DEFAULT_MAX_ELEMENTS);
  }

  /**
   * Binds every input.
   *
   * @param dataRoot the folder table paths are relative to (see {@link DataRoot})
   * @param maxElements refuse, before allocating, when the inputs would hold more values than this in all
   * @throws DataException listing every problem found, each with file, line and column where it applies
   */
  public static BoundData bind(Path dataRoot, List<TableSpec> tables, List<DimSpec> dims, List<InputSpec> inputs,
      long maxElements) throws DataException {
    return bind(dataRoot, tables, dims, inputs, maxElements, UnitCheck.NONE);
  }

  /**
   * Binds every input, checking the {@code units} of NetCDF variables against the inputs' declared units
   * with {@code units}.
   */
  public static BoundData bind(Path dataRoot, List<TableSpec> tables, List<DimSpec> dims, List<InputSpec> inputs,
      long maxElements, UnitCheck units) throws DataException {
    ProblemLog log = new ProblemLog();
    try (NetCdfInputs netCdf = new NetCdfInputs(dataRoot, tables, units, log)) {
      return bind(dataRoot, tables, dims, inputs, maxElements, netCdf, log);
    }
  }

  private static BoundData bind(Path dataRoot, List<TableSpec> tables, List<DimSpec> dims, List<InputSpec> inputs,
      long maxElements, NetCdfInputs netCdf, ProblemLog log) throws DataException {
    Map<String, DimSpec> dimByName = new LinkedHashMap<>();
    dims.forEach(d -> dimByName.put(d.name(), d));

    InputSource.Resolver resolver = new InputSource.Resolver(dataRoot, NetCdfInputs.csvTables(tables), log);
    List<InputSource> sources = new ArrayList<>();
    for (InputSpec in : inputs) {
      List<String> unknown = in.dims().stream().filter(d -> !dimByName.containsKey(d)).toList();
      if (!unknown.isEmpty()) {
        log.add("", 0, "", "input '" + in.name() + "' is over " + String.join(", ", unknown)
            + ", not declared with `dim`" + Nearest.didYouMean(unknown.get(0), dimByName.keySet()), in.line());
        continue;
      }
      if (netCdf.handles(in, resolver.tables())) {
        netCdf.resolve(in);
        continue;
      }
      InputSource s = resolver.resolve(in);
      if (s != null) {
        sources.add(s);
      }
    }
    Set<CsvTable> unselectable = loadTables(sources, maxElements, log);
    sources.removeIf(s -> unselectable.contains(s.table())); // their sizes would only add confusing messages
    if (sources.stream().anyMatch(s -> s.table().tooLarge)) {
      log.throwIfAny(); // nothing can be bound from a table that was not read
    }

    Map<String, DimPlan> plans = DimPlan.resolve(dims, inputs, sources, netCdf.claims(), maxElements, log);
    if (refuseAbsurdSizes(sources, plans, maxElements, log)) {
      log.throwIfAny(); // before allocating anything of that size
    }

    ValueFiller filler = new ValueFiller(log);
    Map<String, double[]> values = new HashMap<>();
    for (InputSource s : sources) {
      if (!plans.keySet().containsAll(s.input().dims())) {
        continue; // a dim could not be sized: reported already
      }
      double[] v = filler.fill(s, s.input().dims().stream().map(plans::get).toList());
      if (v != null) {
        values.put(s.input().name(), v);
      }
    }
    values.putAll(netCdf.fill(plans));
    log.throwIfAny();
    Map<String, Integer> sizes = new HashMap<>();
    Map<String, List<String>> labels = new HashMap<>();
    plans.forEach((name, p) -> {
      sizes.put(name, p.size());
      labels.put(name, p.labels());
    });
    return new BoundData(sizes, labels, values);
  }

  /**
   * Reads, for every table used, exactly the value and dim columns its inputs (and its row condition)
   * need, in one pass, and keeps the rows its condition selects.
   *
   * @return the tables whose row condition names a column they lack (reported)
   */
  private static Set<CsvTable> loadTables(List<InputSource> sources, long maxElements, ProblemLog log) {
    Map<CsvTable, Map<String, Integer>> numbers = new LinkedHashMap<>();
    Map<CsvTable, Map<String, Integer>> labels = new LinkedHashMap<>();
    for (InputSource s : sources) {
      numbers.computeIfAbsent(s.table(), t -> new LinkedHashMap<>()).putIfAbsent(s.column(), s.input().line());
      labels.computeIfAbsent(s.table(), t -> new LinkedHashMap<>());
      for (String c : s.dimColumns()) {
        if (c != null) {
          labels.get(s.table()).putIfAbsent(c, s.input().line());
        }
      }
    }
    Set<CsvTable> unselectable = new HashSet<>();
    numbers.forEach((t, cols) -> {
      if (t.selection != null && !t.selection.request(t, cols, log)) {
        unselectable.add(t);
        return;
      }
      t.load(cols, labels.get(t), maxElements, log);
      if (t.selection != null) {
        t.selection.apply(t, log);
      }
    });
    return unselectable;
  }

  /** Logs and returns true when the inputs would be too large to allocate. */
  private static boolean refuseAbsurdSizes(List<InputSource> sources, Map<String, DimPlan> plans, long maxElements,
      ProblemLog log) {
    long total = 0;
    boolean refused = false;
    String largest = "";
    long largestSize = -1;
    for (InputSource s : sources) {
      long n = 1;
      for (String d : s.input().dims()) {
        DimPlan p = plans.get(d);
        n = p == null ? 0 : saturatingMultiply(n, p.size());
      }
      total = Math.min(Long.MAX_VALUE / 2, total + n);
      if (n > largestSize) {
        largestSize = n;
        largest = s.input().name() + s.input().dims();
      }
      if (n > Integer.MAX_VALUE - 8) {
        refused = true;
        log.add("", 0, "", "input '" + s.input().name() + "' would have " + n
            + " elements, more than one Java array can hold", s.input().line());
      }
    }
    if (total > maxElements) {
      log.add("", 0, "", "the inputs would hold " + total + " values in all (largest: " + largest + " with "
          + largestSize + "), above the limit of " + maxElements + "; check the dim sizes, or raise the limit "
          + "if this size is intended", 0);
      refused = true;
    }
    return refused;
  }

  private static long saturatingMultiply(long a, long b) {
    long r = a * b;
    return (b != 0 && (r / b != a || r < 0)) ? Long.MAX_VALUE / 2 : r;
  }
}
