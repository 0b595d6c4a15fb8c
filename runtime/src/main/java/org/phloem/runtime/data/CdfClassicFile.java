package org.phloem.runtime.data;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NetCDF classic file (CDF-1, or CDF-2 with 64-bit offsets), read after the published format
 * specification (Unidata, "The NetCDF Classic Format Specification"): a big-endian header of
 * dimensions, global attributes and variables, then each fixed-size variable contiguously and the
 * record variables interleaved record by record. The file is mapped, not copied.
 */
final class CdfClassicFile implements NcFile {
  static final int NC_DIMENSION = 0x0A;
  static final int NC_VARIABLE = 0x0B;
  static final int NC_ATTRIBUTE = 0x0C;
  static final int NC_BYTE = 1;
  static final int NC_CHAR = 2;
  static final int NC_SHORT = 3;
  static final int NC_INT = 4;
  static final int NC_FLOAT = 5;
  static final int NC_DOUBLE = 6;

  /** A variable's storage: type, start, and whether it is a record variable. */
  private record Layout(int type, long begin, boolean record, long vsize) {}

  private final ByteBuffer buf;
  private final Map<String, NcVariable> variables = new LinkedHashMap<>();
  private final Map<String, Layout> layouts = new LinkedHashMap<>();
  private long recordSize;
  private int records;

  private CdfClassicFile(ByteBuffer buf) {
    this.buf = buf;
  }

  static NcFile open(Path file) throws IOException {
    ByteBuffer buf;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() > Integer.MAX_VALUE) {
        throw new FormatException("a classic NetCDF file above 2 GB, which Phloem does not read");
      }
      buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
    }
    buf.order(ByteOrder.BIG_ENDIAN);
    CdfClassicFile f = new CdfClassicFile(buf);
    try {
      f.readHeader();
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new FormatException("its classic NetCDF header is cut short or damaged");
    }
    return f;
  }

  private void readHeader() throws FormatException {
    buf.position(3);
    boolean offset64 = buf.get() == 2;
    records = buf.getInt(); // -1 (STREAMING): work it out from the file size below
    List<String> dimNames = new ArrayList<>();
    List<Integer> dimLengths = new ArrayList<>();
    int recordDim = -1;
    int n = listHeader(NC_DIMENSION);
    for (int i = 0; i < n; i++) {
      dimNames.add(name());
      int len = buf.getInt();
      if (len == 0) {
        recordDim = i;
      }
      dimLengths.add(len);
    }
    attributes(); // global attributes: not needed for binding
    n = listHeader(NC_VARIABLE);
    List<String> recordVars = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = name();
      int rank = buf.getInt();
      List<String> dims = new ArrayList<>();
      int[] dimIds = new int[rank];
      for (int k = 0; k < rank; k++) {
        dimIds[k] = buf.getInt();
        if (dimIds[k] < 0 || dimIds[k] >= dimNames.size()) {
          throw new FormatException("variable '" + name + "' refers to dimension " + dimIds[k] + ", which the header lacks");
        }
        dims.add(dimNames.get(dimIds[k]));
      }
      Map<String, Object> attrs = attributes();
      int type = buf.getInt();
      long vsize = buf.getInt() & 0xffffffffL;
      long begin = offset64 ? buf.getLong() : buf.getInt() & 0xffffffffL;
      boolean record = rank > 0 && dimIds[0] == recordDim;
      int[] shape = new int[rank];
      for (int k = 0; k < rank; k++) {
        shape[k] = dimLengths.get(dimIds[k]);
      }
      variables.put(name, new NcVariable(name, dims, shape, attrs));
      layouts.put(name, new Layout(type, begin, record, vsize));
      if (record) {
        recordVars.add(name);
        recordSize += vsize;
      }
    }
    if (recordVars.size() == 1) {
      // A single record variable is not padded between records (the specification's one exception).
      NcVariable v = variables.get(recordVars.get(0));
      recordSize = elementsPerRecord(v) * width(layouts.get(v.name()).type());
    }
    if (records < 0 && recordSize > 0) {
      long firstRecord = recordVars.stream().mapToLong(r -> layouts.get(r).begin()).min().orElse(0);
      records = (int) ((buf.capacity() - firstRecord) / recordSize);
    }
    if (recordDim >= 0) {
      for (String r : recordVars) {
        NcVariable v = variables.get(r);
        int[] shape = v.shape();
        shape[0] = Math.max(records, 0);
        variables.put(r, new NcVariable(r, v.dims(), shape, v.attributes()));
      }
    }
  }

  private int listHeader(int tag) throws FormatException {
    int t = buf.getInt();
    int n = buf.getInt();
    if (t == 0 && n == 0) {
      return 0;
    }
    if (t != tag || n < 0) {
      throw new FormatException("its classic NetCDF header is damaged (a list tag " + t + " where " + tag + " belongs)");
    }
    return n;
  }

  private String name() {
    int len = buf.getInt();
    byte[] b = new byte[len];
    buf.get(b);
    skipPadding(len);
    return new String(b, StandardCharsets.UTF_8);
  }

  private void skipPadding(long bytes) {
    buf.position(buf.position() + (int) ((4 - bytes % 4) % 4));
  }

  private Map<String, Object> attributes() throws FormatException {
    Map<String, Object> out = new LinkedHashMap<>();
    int n = listHeader(NC_ATTRIBUTE);
    for (int i = 0; i < n; i++) {
      String name = name();
      int type = buf.getInt();
      int count = buf.getInt();
      if (type == NC_CHAR) {
        byte[] b = new byte[count];
        buf.get(b);
        skipPadding(count);
        out.put(name, new String(b, StandardCharsets.UTF_8).replace("\0", ""));
      } else {
        double[] values = new double[count];
        for (int k = 0; k < count; k++) {
          values[k] = value(type, buf.position());
          buf.position(buf.position() + width(type));
        }
        skipPadding((long) count * width(type));
        out.put(name, values);
      }
    }
    return out;
  }

  static int width(int type) throws FormatException {
    switch (type) {
      case NC_BYTE: case NC_CHAR: return 1;
      case NC_SHORT: return 2;
      case NC_INT: case NC_FLOAT: return 4;
      case NC_DOUBLE: return 8;
      default: throw new FormatException("an unknown classic NetCDF type " + type);
    }
  }

  private double value(int type, int at) {
    switch (type) {
      case NC_BYTE: return buf.get(at);
      case NC_SHORT: return buf.getShort(at);
      case NC_INT: return buf.getInt(at);
      case NC_FLOAT: return buf.getFloat(at);
      default: return buf.getDouble(at);
    }
  }

  private static long elementsPerRecord(NcVariable v) {
    long n = 1;
    for (int k = 1; k < v.shape().length; k++) {
      n *= v.shape()[k];
    }
    return n;
  }

  @Override
  public List<String> variableNames() {
    return List.copyOf(variables.keySet());
  }

  @Override
  public NcVariable variable(String name) {
    return variables.get(name);
  }

  @Override
  public double[] read(NcVariable v) throws IOException {
    Layout l = layouts.get(v.name());
    if (l.type() == NC_CHAR) {
      throw new FormatException("variable '" + v.name() + "' holds characters, not numbers");
    }
    int w = width(l.type());
    double[] out = new double[(int) v.size()];
    try {
      if (!l.record()) {
        for (int i = 0; i < out.length; i++) {
          out[i] = value(l.type(), Math.toIntExact(l.begin() + (long) i * w));
        }
        return out;
      }
      int per = (int) elementsPerRecord(v);
      for (int r = 0, i = 0; r < v.shape()[0]; r++) {
        long start = l.begin() + r * recordSize;
        for (int k = 0; k < per; k++, i++) {
          out[i] = value(l.type(), Math.toIntExact(start + (long) k * w));
        }
      }
      return out;
    } catch (IndexOutOfBoundsException | ArithmeticException e) {
      throw new FormatException("variable '" + v.name() + "' lies beyond the end of the file (a truncated file?)");
    }
  }

  @Override
  public void close() {}
}
