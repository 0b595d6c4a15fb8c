package org.phloem.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds the inputs read from NetCDF {@code data} declarations: finds each input's variable, matches its
 * dimensions to the input's dims, says what size each dim has by the file, and fills the input with the
 * CF-decoded values, joining a series of files along one dimension.
 *
 * <p>Dims are matched by position, outermost first, as the variable stores them. When the input's dims
 * carry exactly the variable's dimension names in another order, they are matched by name instead and
 * the values are transposed. A variable without the {@code along} dimension of a series is read from
 * the series' first file.
 */
final class NetCdfInputs implements AutoCloseable {
  /** One file of a series, open. */
  private record OpenFile(String display, NcFile file) {}

  /** An input and where its values are. */
  private record Source(InputSpec in, String table, List<OpenFile> files, NcVariable header, int[] perm,
      int[] shape, int alongAxis) {}

  private final Path root;
  private final ProblemLog log;
  private final UnitCheck units;
  private final Map<String, TableSpec> specs = new LinkedHashMap<>();
  /** Open files of each NetCDF table; absent when one could not be opened (reported). */
  private final Map<String, List<OpenFile>> files = new LinkedHashMap<>();
  private final List<Source> sources = new ArrayList<>();
  private final List<DimClaim> claims = new ArrayList<>();

  NetCdfInputs(Path root, List<TableSpec> tables, UnitCheck units, ProblemLog log) {
    this.root = root;
    this.log = log;
    this.units = units;
    for (TableSpec t : tables) {
      if (t.netCdf()) {
        specs.put(t.name(), t);
        List<OpenFile> opened = open(t);
        if (opened != null) {
          files.put(t.name(), opened);
        }
      }
    }
  }

  /** The declared tables that are not NetCDF (the CSV binder's). */
  static List<TableSpec> csvTables(List<TableSpec> tables) {
    return tables.stream().filter(t -> !t.netCdf()).toList();
  }

  private String display(String relative) {
    return root.resolve(relative).normalize().toString();
  }

  private List<OpenFile> open(TableSpec t) {
    List<String> paths;
    try {
      paths = FileSeries.expand(t.path());
    } catch (IllegalArgumentException e) {
      log.add(t.path(), 0, "", e.getMessage(), t.line());
      return null;
    }
    boolean series = FileSeries.isSeries(t.path());
    if (series && t.along() == null) {
      log.add(t.path(), 0, "", "a series of files is joined along one of their dimensions: add `along DIM`, e.g. "
          + "`data " + t.name() + " = \"" + t.path() + "\" along time`", t.line());
      return null;
    }
    if (!series && t.along() != null) {
      log.add(t.path(), 0, "", "`along " + t.along() + "` joins a series of files, but the path names one file; "
          + "write the varying part as a range, e.g. \"x_{1980..2003}.nc\"", t.line());
      return null;
    }
    List<Path> confined = new ArrayList<>();
    for (String p : paths) {
      try {
        confined.add(DataRoot.confine(root, p, t.line()));
      } catch (DataException refused) {
        refused.problems().forEach(log::add);
        return null;
      }
    }
    List<String> absent = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      if (Files.isDirectory(confined.get(i))) {
        log.add(display(paths.get(i)), 0, "", "this is a folder, not a NetCDF file", t.line());
        return null;
      }
      if (!Files.isRegularFile(confined.get(i))) {
        absent.add(paths.get(i));
      }
    }
    if (!absent.isEmpty()) {
      String first = display(absent.get(0));
      String more = absent.size() == 1 ? "" : " (and " + (absent.size() - 1) + " more of the series: "
          + String.join(", ", absent.subList(1, Math.min(absent.size(), 6))) + (absent.size() > 6 ? ", ..." : "") + ")";
      log.add(first, 0, "", "file not found" + more + ". The data folder is " + root, t.line());
      return null;
    }
    List<OpenFile> out = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      String shown = display(paths.get(i));
      try {
        out.add(new OpenFile(shown, NcFile.open(confined.get(i))));
      } catch (IOException e) {
        log.add(shown, 0, "", e instanceof NcFile.FormatException ? e.getMessage() : "cannot read the file: " + e,
            t.line());
        out.forEach(f -> f.file().close());
        return null;
      }
    }
    if (t.along() != null && !hasDimension(out.get(0).file(), t.along())) {
      Set<String> dims = new LinkedHashSet<>();
      NcFile f = out.get(0).file();
      f.variableNames().forEach(v -> dims.addAll(f.variable(v).dims()));
      log.add(out.get(0).display(), 0, "", "no variable has a dimension '" + t.along() + "' to join the files along; "
          + "the dimensions are: " + String.join(", ", dims) + "." + Nearest.didYouMean(t.along(), dims), t.line());
      out.forEach(o -> o.file().close());
      return null;
    }
    return out;
  }

  private static boolean hasDimension(NcFile f, String dim) {
    return f.variableNames().stream().anyMatch(v -> f.variable(v).dims().contains(dim));
  }

  /**
   * True when the input is read from a NetCDF table: it names one, or it names none and exactly one
   * NetCDF file has a variable of its column's name (an ambiguity with a CSV table is reported here).
   */
  boolean handles(InputSpec in, Map<String, CsvTable> csvTables) {
    if (in.table() != null) {
      return specs.containsKey(in.table());
    }
    List<String> hits = new ArrayList<>();
    files.forEach((table, opened) -> {
      if (opened.get(0).file().variable(in.column()) != null) {
        hits.add(table);
      }
    });
    if (hits.isEmpty()) {
      return false;
    }
    List<String> csvHits = csvTables.entrySet().stream().filter(e -> e.getValue().header.contains(in.column()))
        .map(Map.Entry::getKey).toList();
    if (hits.size() > 1 || !csvHits.isEmpty()) {
      List<String> all = new ArrayList<>(hits);
      all.addAll(csvHits);
      log.add("", 0, "", "input '" + in.name() + "': '" + in.column() + "' is in the tables " + String.join(" and ", all)
          + "; say which, e.g. `input " + in.name() + " = " + all.get(0) + "." + in.column() + "`", in.line());
      return true;
    }
    return true;
  }

  /** Finds the input's variable and checks its dims and units; logs what is wrong. */
  void resolve(InputSpec in) {
    String table = in.table() != null ? in.table() : files.entrySet().stream()
        .filter(e -> e.getValue().get(0).file().variable(in.column()) != null).map(Map.Entry::getKey)
        .findFirst().orElse(null);
    List<OpenFile> opened = table == null ? null : files.get(table);
    if (opened == null) {
      return; // the file's problem, or the ambiguity, is reported already
    }
    OpenFile first = opened.get(0);
    NcVariable v = first.file().variable(in.column());
    if (v == null) {
      List<String> names = first.file().variableNames();
      log.add(first.display(), 0, "", "no variable '" + in.column() + "' for input '" + in.name()
          + "'; the variables are: " + String.join(", ", names) + "." + Nearest.didYouMean(in.column(), names),
          in.line());
      return;
    }
    int[] perm = matchDims(in, v, first.display());
    if (perm == null) {
      return;
    }
    String along = specs.get(table).along();
    int alongAxis = along == null ? -1 : v.dims().indexOf(along);
    int[] shape = v.shape().clone();
    List<OpenFile> used = alongAxis < 0 ? List.of(first) : opened;
    for (OpenFile f : used.subList(1, used.size())) {
      NcVariable other = f.file().variable(v.name());
      if (other == null) {
        log.add(f.display(), 0, "", "no variable '" + v.name() + "', which the series' first file "
            + first.display() + " has", in.line());
        return;
      }
      if (!other.dims().equals(v.dims()) || !sameExcept(other.shape(), v.shape(), alongAxis)) {
        log.add(f.display(), 0, "", "variable " + other.describe() + " differs from " + v.describe() + " in "
            + first.display() + " in more than the length of '" + along + "'; the files of a series must agree",
            in.line());
        return;
      }
      shape[alongAxis] += other.shape()[alongAxis];
    }
    checkUnits(in, v, used);
    sources.add(new Source(in, table, used, v, perm, shape, alongAxis));
    for (int k = 0; k < perm.length; k++) {
      String fileDim = v.dims().get(perm[k]);
      String who = "variable " + v.name() + " (its dimension '" + fileDim + "'"
          + (alongAxis == perm[k] ? ", joined over " + used.size() + " files" : "") + ") in "
          + (used.size() > 1 ? display(specs.get(table).path()) : first.display());
      claims.add(new DimClaim(in.dims().get(k), shape[perm[k]], who, first.display(), in.line()));
    }
  }

  private static boolean sameExcept(int[] a, int[] b, int axis) {
    if (a.length != b.length) {
      return false;
    }
    for (int k = 0; k < a.length; k++) {
      if (k != axis && a[k] != b[k]) {
        return false;
      }
    }
    return true;
  }

  /** For each of the input's dims, the variable's dimension it is; null (logged) when they cannot match. */
  private int[] matchDims(InputSpec in, NcVariable v, String file) {
    List<String> dims = in.dims();
    if (dims.isEmpty()) {
      if (v.size() != 1) {
        log.add(file, 0, "", "scalar input '" + in.name() + "' needs a variable with one value; " + v.describe()
            + " has " + v.size(), in.line());
        return null;
      }
      return new int[0];
    }
    if (dims.size() != v.dims().size()) {
      log.add(file, 0, "", "input '" + in.name() + "' over " + dims + " has " + dims.size() + " dim(s), but variable "
          + v.describe() + " has " + v.dims().size() + "; declare the input over one dim per dimension, in the "
          + "file's order", in.line());
      return null;
    }
    int[] perm = new int[dims.size()];
    boolean byName = new HashSet<>(dims).equals(new HashSet<>(v.dims())) && new HashSet<>(dims).size() == dims.size();
    for (int k = 0; k < dims.size(); k++) {
      perm[k] = byName ? v.dims().indexOf(dims.get(k)) : k;
      int j = v.dims().indexOf(dims.get(k));
      if (!byName && j >= 0 && j != k) {
        log.add(file, 0, "", "input '" + in.name() + "' over " + dims + ": dim '" + dims.get(k) + "' is dimension " + (j + 1)
            + " of variable " + v.describe() + " but dim " + (k + 1) + " of the input. Dims are matched by "
            + "position, or by name when the input names every dimension of the variable", in.line());
        return null;
      }
    }
    return perm;
  }

  private void checkUnits(InputSpec in, NcVariable v, List<OpenFile> used) {
    String fileUnits = v.text("units");
    for (OpenFile f : used.subList(1, used.size())) {
      String u = f.file().variable(v.name()).text("units");
      if (!java.util.Objects.equals(u, fileUnits)) {
        log.add(f.display(), 0, "", "variable '" + v.name() + "' has units '" + u + "', but '" + fileUnits
            + "' in " + used.get(0).display() + "; the files of a series must agree", in.line());
        return;
      }
    }
    if (in.unit() == null || fileUnits == null || fileUnits.isEmpty()) {
      return;
    }
    String why = units.mismatch(in.unit(), fileUnits);
    if (why != null) {
      log.add(used.get(0).display(), 0, "", "input '" + in.name() + "' is declared `unit " + in.unit()
          + "`, but variable '" + v.name() + "' has units \"" + fileUnits + "\": " + why, in.line());
    }
  }

  /** What the files say about dim sizes, one claim per input dim. */
  List<DimClaim> claims() {
    return claims;
  }

  /** Reads and decodes every resolved input whose dims could be sized; logs missing values not allowed. */
  Map<String, double[]> fill(Map<String, DimPlan> plans) {
    Map<String, double[]> out = new HashMap<>();
    for (Source s : sources) {
      boolean sized = true;
      for (int k = 0; k < s.perm().length; k++) {
        DimPlan p = plans.get(s.in().dims().get(k));
        sized &= p != null && p.size() == s.shape()[s.perm()[k]];
      }
      if (!sized) {
        continue; // the disagreement is reported where the dim was sized
      }
      try {
        double[] joined = s.alongAxis() < 0 ? decoded(s, s.files().get(0)) : join(s);
        double[] values = s.perm().length == 0 ? joined : transpose(joined, s.shape(), s.perm());
        checkMissing(s, values);
        out.put(s.in().name(), values);
      } catch (IOException e) {
        log.add(s.files().get(0).display(), 0, "", e.getMessage(), s.in().line());
      }
    }
    return out;
  }

  private static double[] decoded(Source s, OpenFile f) throws IOException {
    NcVariable v = f.file().variable(s.header().name());
    return CfDecoding.decode(v, f.file().read(v));
  }

  /** The files' values concatenated along the series dimension, in file order. */
  private static double[] join(Source s) throws IOException {
    int axis = s.alongAxis();
    int[] shape = s.shape();
    long outer = 1;
    for (int k = 0; k < axis; k++) {
      outer *= shape[k];
    }
    long inner = 1;
    for (int k = axis + 1; k < shape.length; k++) {
      inner *= shape[k];
    }
    double[] out = new double[Math.toIntExact(outer * shape[axis] * inner)];
    long offset = 0;
    for (OpenFile f : s.files()) {
      double[] part = decoded(s, f);
      int n = f.file().variable(s.header().name()).shape()[axis];
      long block = n * inner;
      for (long o = 0; o < outer; o++) {
        System.arraycopy(part, (int) (o * block), out, (int) (o * shape[axis] * inner + offset * inner), (int) block);
      }
      offset += n;
    }
    return out;
  }

  /** Reorders row-major values stored over {@code shape} so that input dim k is file dimension perm[k]. */
  static double[] transpose(double[] values, int[] shape, int[] perm) {
    boolean identity = true;
    for (int k = 0; k < perm.length; k++) {
      identity &= perm[k] == k;
    }
    if (identity) {
      return values;
    }
    int rank = shape.length;
    long[] stride = new long[rank];
    long s = 1;
    for (int k = rank - 1; k >= 0; k--) {
      stride[k] = s;
      s *= shape[k];
    }
    int[] outShape = new int[rank];
    long[] outStride = new long[rank]; // for each output dim, the stride in the file's order
    for (int k = 0; k < rank; k++) {
      outShape[k] = shape[perm[k]];
      outStride[k] = stride[perm[k]];
    }
    double[] out = new double[values.length];
    int[] idx = new int[rank];
    long src = 0;
    for (int i = 0; i < out.length; i++) {
      out[i] = values[(int) src];
      for (int k = rank - 1; k >= 0; k--) {
        idx[k]++;
        src += outStride[k];
        if (idx[k] < outShape[k]) {
          break;
        }
        src -= outStride[k] * idx[k];
        idx[k] = 0;
      }
    }
    return out;
  }

  private void checkMissing(Source s, double[] values) {
    if (s.in().allowMissing()) {
      return;
    }
    int count = 0;
    int firstAt = -1;
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        count++;
        if (firstAt < 0) {
          firstAt = i;
        }
      }
    }
    if (count > 0) {
      log.add(s.files().get(0).display(), 0, "", count + " missing value(s) (_FillValue, missing_value, outside the "
          + "valid range, or NaN) in variable '" + s.header().name() + "', the first at " + position(s, firstAt)
          + ", but input '" + s.in().name() + "' needs a number everywhere (declare it `missing` to allow gaps)",
          s.in().line());
    }
  }

  /** "month=3, level=0, band=7" for a flat position of the input. */
  private static String position(Source s, int flat) {
    int rank = s.perm().length;
    String[] parts = new String[rank];
    for (int k = rank - 1; k >= 0; k--) {
      int n = s.shape()[s.perm()[k]];
      parts[k] = s.in().dims().get(k) + "=" + (flat % n);
      flat /= n;
    }
    return rank == 0 ? "the only element" : String.join(", ", Arrays.asList(parts));
  }

  @Override
  public void close() {
    files.values().forEach(list -> list.forEach(f -> f.file().close()));
  }
}
