package org.phloem.runtime.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A NetCDF-4 file read with jhdf (pure Java HDF5). NetCDF-4 keeps each variable as an HDF5 dataset and
 * each dimension as a dimension scale; a variable's dimensions are the scales its {@code DIMENSION_LIST}
 * attribute refers to, by object address. Variables of the root group only.
 */
final class Hdf5NcFile implements NcFile {
  /** The NAME a dimension without a coordinate variable carries: a dimension, not a variable. */
  private static final String PURE_DIMENSION = "This is a netCDF dimension but not a netCDF variable";
  /** HDF5 and netCDF-4 bookkeeping attributes, not the variable's own. */
  private static final Set<String> INTERNAL = Set.of("DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME",
      "_Netcdf4Dimid", "_Netcdf4Coordinates", "_nc3_strict", "_NCProperties");

  private final HdfFile hdf;
  private final Map<String, NcVariable> variables = new LinkedHashMap<>();
  private final Map<String, Dataset> datasets = new HashMap<>();

  private Hdf5NcFile(HdfFile hdf) {
    this.hdf = hdf;
  }

  static NcFile open(Path file) throws IOException {
    HdfFile hdf;
    try {
      hdf = new HdfFile(file);
    } catch (HdfException | IllegalArgumentException e) {
      throw new FormatException("cannot read it as NetCDF-4/HDF5: " + e.getMessage());
    }
    Hdf5NcFile f = new Hdf5NcFile(hdf);
    try {
      f.readHeaders();
    } catch (HdfException | ClassCastException | IllegalArgumentException e) {
      hdf.close();
      throw new FormatException("cannot read its variables as NetCDF-4: " + e.getMessage());
    }
    return f;
  }

  private void readHeaders() {
    Map<Long, String> nameAt = new HashMap<>();
    List<Dataset> all = new ArrayList<>();
    for (Node n : hdf) {
      if (n instanceof Dataset) {
        nameAt.put(n.getAddress(), n.getName());
        all.add((Dataset) n);
      }
    }
    for (Dataset d : all) {
      Attribute nameAttr = d.getAttribute("NAME");
      Object label = nameAttr == null ? null : nameAttr.getData();
      if (label instanceof String && ((String) label).startsWith(PURE_DIMENSION)) {
        continue;
      }
      int[] shape = d.isScalar() ? new int[0] : d.getDimensions();
      List<String> dims = dimNames(d, shape.length, nameAt);
      Map<String, Object> attributes = new LinkedHashMap<>();
      for (Map.Entry<String, Attribute> e : d.getAttributes().entrySet()) {
        if (!INTERNAL.contains(e.getKey())) {
          Object v = attributeValue(e.getValue());
          if (v != null) {
            attributes.put(e.getKey(), v);
          }
        }
      }
      variables.put(d.getName(), new NcVariable(d.getName(), dims, shape, attributes));
      datasets.put(d.getName(), d);
    }
  }

  /** The dimension names from DIMENSION_LIST; {@code phony_dim_K} (as netCDF-C says) where there is none. */
  private static List<String> dimNames(Dataset d, int rank, Map<Long, String> nameAt) {
    List<String> names = new ArrayList<>();
    Attribute list = d.getAttribute("DIMENSION_LIST");
    Object refs = list == null ? null : list.getData();
    for (int k = 0; k < rank; k++) {
      String name = null;
      if (refs != null && refs.getClass().isArray() && Array.getLength(refs) == rank) {
        Object ref = Array.get(refs, k);
        if (ref != null && ref.getClass().isArray() && Array.getLength(ref) > 0) {
          Object address = Array.get(ref, 0);
          if (address instanceof Number) {
            name = nameAt.get(((Number) address).longValue());
          }
        }
      }
      if (name == null && rank == 1 && "DIMENSION_SCALE".equals(textOf(d.getAttribute("CLASS")))) {
        name = d.getName(); // a coordinate variable is its own dimension
      }
      names.add(name != null ? name : "phony_dim_" + k);
    }
    return names;
  }

  private static String textOf(Attribute a) {
    Object v = a == null ? null : a.getData();
    return v instanceof String ? (String) v : null;
  }

  /** Text as String, numbers as double[]; null for anything else (references, compounds). */
  private static Object attributeValue(Attribute a) {
    Object v;
    try {
      v = a.getData();
    } catch (HdfException | UnsupportedOperationException e) {
      return null;
    }
    if (v instanceof String) {
      return v;
    }
    if (v instanceof String[] && ((String[]) v).length == 1) {
      return ((String[]) v)[0];
    }
    if (v instanceof Number) {
      return new double[] {((Number) v).doubleValue()};
    }
    return v != null && v.getClass().isArray() ? Numbers.toDoubles(v) : null;
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
    Dataset d = datasets.get(v.name());
    try {
      Object data = d.isScalar() ? d.getData() : d.getDataFlat();
      double[] out = data instanceof Number ? new double[] {((Number) data).doubleValue()} : Numbers.toDoubles(data);
      if (out == null) {
        throw new FormatException("variable '" + v.name() + "' holds " + d.getJavaType().getSimpleName()
            + " values, not numbers");
      }
      return out;
    } catch (HdfException e) {
      throw new FormatException("cannot read variable '" + v.name() + "': " + e.getMessage());
    }
  }

  @Override
  public void close() {
    hdf.close();
  }
}
