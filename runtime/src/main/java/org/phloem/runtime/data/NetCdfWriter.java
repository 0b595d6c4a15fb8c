package org.phloem.runtime.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a NetCDF classic file in the CDF-2 ("64-bit offset") variant of the published format (Unidata,
 * "The NetCDF Classic Format Specification"): every variable a fixed-size array of doubles (or of
 * characters, for text labels), big-endian, with text attributes. Readable by netCDF-C (ncdump),
 * netCDF-Java, xarray and every CF tool.
 *
 * <p>Why classic and not NetCDF-4: NetCDF-4 names a variable's dimensions through HDF5 dimension
 * scales (object-reference attributes) that jhdf cannot write; without them netCDF-C sees anonymous
 * "phony" dimensions. The classic format carries named dimensions natively and is a few pages of
 * specification.
 */
public final class NetCdfWriter {
  /** A dimension and its element labels (numeric labels become a coordinate variable, others text). */
  public record Dimension(String name, int size, List<String> labels) {
    public Dimension {
      labels = List.copyOf(labels);
    }
  }

  /**
   * A variable of doubles over some of the dimensions, row-major (last dimension fastest).
   *
   * @param attributes text attributes ({@code units}, {@code long_name}), in order; empty values skipped
   */
  public record Variable(String name, List<String> dims, double[] values, Map<String, String> attributes) {
    public Variable {
      dims = List.copyOf(dims);
      attributes = new LinkedHashMap<>(attributes);
    }
  }

  private static final int NC_DIMENSION = CdfClassicFile.NC_DIMENSION;
  private static final int NC_VARIABLE = CdfClassicFile.NC_VARIABLE;
  private static final int NC_ATTRIBUTE = CdfClassicFile.NC_ATTRIBUTE;
  private static final int NC_CHAR = CdfClassicFile.NC_CHAR;
  private static final int NC_DOUBLE = CdfClassicFile.NC_DOUBLE;

  /** One variable as stored: header fields and where its data go. */
  private record Stored(String name, int[] dimIds, int type, Map<String, Object> attributes, long bytes,
      double[] numbers, byte[] chars) {}

  private NetCdfWriter() {}

  /**
   * Writes {@code file} (atomically: a temporary file renamed into place): the dimensions, a
   * coordinate variable per dimension (its labels as numbers when they all are numbers and increase,
   * else a {@code NAME_label} text variable), then the variables, each with {@code _FillValue = NaN}.
   */
  public static void write(Path file, List<Dimension> dims, List<Variable> variables, Map<String, String> global)
      throws IOException {
    Map<String, Integer> dimId = new LinkedHashMap<>();
    for (Dimension d : dims) {
      dimId.put(d.name(), dimId.size());
    }
    Set<String> names = new HashSet<>(dimId.keySet());
    variables.forEach(v -> names.add(v.name()));
    List<Stored> stored = new ArrayList<>();
    List<Dimension> allDims = new ArrayList<>(dims);
    for (Dimension d : dims) {
      stored.add(coordinate(d, dimId, names, allDims));
    }
    for (Variable v : variables) {
      int[] ids = v.dims().stream().mapToInt(dimId::get).toArray();
      Map<String, Object> attrs = new LinkedHashMap<>();
      v.attributes().forEach((k, val) -> {
        if (val != null && !val.isEmpty()) {
          attrs.put(k, val);
        }
      });
      attrs.put("_FillValue", new double[] {Double.NaN});
      stored.add(new Stored(v.name(), ids, NC_DOUBLE, attrs, 8L * v.values().length, v.values(), null));
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream os = Files.newOutputStream(tmp);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
      Map<String, Object> globals = new LinkedHashMap<>(global);
      long headerSize = header(new DataOutputStream(OutputStream.nullOutputStream()), allDims, globals, stored, 0);
      header(out, allDims, globals, stored, headerSize);
      for (Stored s : stored) {
        if (s.numbers() != null) {
          for (double x : s.numbers()) {
            out.writeDouble(x);
          }
        } else {
          out.write(s.chars());
          pad(out, s.chars().length);
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The coordinate variable of a dimension: numbers if its labels are increasing numbers, else text. */
  private static Stored coordinate(Dimension d, Map<String, Integer> dimId, Set<String> names,
      List<Dimension> allDims) {
    double[] numbers = new double[d.size()];
    boolean increasing = d.labels().size() == d.size();
    for (int i = 0; i < d.size() && increasing; i++) {
      try {
        numbers[i] = Double.parseDouble(d.labels().get(i));
        increasing = Double.isFinite(numbers[i]) && (i == 0 || numbers[i] > numbers[i - 1]);
      } catch (NumberFormatException e) {
        increasing = false;
      }
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    if (increasing) {
      attrs.put("long_name", "dimension " + d.name());
      return new Stored(d.name(), new int[] {dimId.get(d.name())}, NC_DOUBLE, attrs, 8L * d.size(), numbers, null);
    }
    int width = 1;
    for (String l : d.labels()) {
      width = Math.max(width, l.getBytes(StandardCharsets.UTF_8).length);
    }
    String strlen = unique(d.name() + "_strlen", names);
    String label = unique(d.name() + "_label", names);
    dimId.put(strlen, dimId.size());
    allDims.add(new Dimension(strlen, width, List.of()));
    byte[] chars = new byte[d.size() * width];
    for (int i = 0; i < d.size() && i < d.labels().size(); i++) {
      byte[] b = d.labels().get(i).getBytes(StandardCharsets.UTF_8);
      System.arraycopy(b, 0, chars, i * width, b.length);
    }
    attrs.put("long_name", "labels of dimension " + d.name());
    return new Stored(label, new int[] {dimId.get(d.name()), dimId.get(strlen)}, NC_CHAR, attrs, chars.length, null,
        chars);
  }

  private static String unique(String name, Set<String> taken) {
    String n = name;
    for (int k = 2; taken.contains(n); k++) {
      n = name + k;
    }
    taken.add(n);
    return n;
  }

  /** Writes the header; returns its size. {@code dataStart} is where the first variable's data begin. */
  private static long header(DataOutputStream out, List<Dimension> dims, Map<String, Object> globals,
      List<Stored> vars, long dataStart) throws IOException {
    out.write(new byte[] {'C', 'D', 'F', 2});
    out.writeInt(0); // no records: every variable is fixed-size
    out.writeInt(dims.isEmpty() ? 0 : NC_DIMENSION);
    out.writeInt(dims.size());
    for (Dimension d : dims) {
      name(out, d.name());
      out.writeInt(d.size());
    }
    attributes(out, globals);
    out.writeInt(vars.isEmpty() ? 0 : NC_VARIABLE);
    out.writeInt(vars.size());
    long begin = dataStart;
    for (Stored v : vars) {
      name(out, v.name());
      out.writeInt(v.dimIds().length);
      for (int id : v.dimIds()) {
        out.writeInt(id);
      }
      attributes(out, v.attributes());
      out.writeInt(v.type());
      long padded = (v.bytes() + 3) / 4 * 4;
      out.writeInt((int) Math.min(padded, 0xffffffffL)); // vsize; 2^32-1 marks a larger variable
      out.writeLong(begin);
      begin += padded;
    }
    return out.size();
  }

  private static void attributes(DataOutputStream out, Map<String, Object> attrs) throws IOException {
    out.writeInt(attrs.isEmpty() ? 0 : NC_ATTRIBUTE);
    out.writeInt(attrs.size());
    for (Map.Entry<String, Object> a : attrs.entrySet()) {
      name(out, a.getKey());
      if (a.getValue() instanceof double[]) {
        double[] v = (double[]) a.getValue();
        out.writeInt(NC_DOUBLE);
        out.writeInt(v.length);
        for (double x : v) {
          out.writeDouble(x);
        }
      } else {
        byte[] b = a.getValue().toString().getBytes(StandardCharsets.UTF_8);
        out.writeInt(NC_CHAR);
        out.writeInt(b.length);
        out.write(b);
        pad(out, b.length);
      }
    }
  }

  private static void name(DataOutputStream out, String name) throws IOException {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
    pad(out, b.length);
  }

  private static void pad(DataOutputStream out, long n) throws IOException {
    for (long k = n; k % 4 != 0; k++) {
      out.write(0);
    }
  }
}
