package org.phloem.runtime.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.OutputInfo;
import org.phloem.runtime.data.NetCdfWriter;
import org.phloem.runtime.posterior.OutputSd;

/**
 * Writes a model's outputs over two or more dims as one CF-NetCDF file, {@code outputs.nc}: a NetCDF
 * dimension per model dim (with its labels as a coordinate variable), a variable per output with its
 * {@code units} and {@code long_name} (the declaration's description), and after a fit a
 * {@code NAME_sd} variable with each element's posterior sd. Gridded outputs are easier to map and
 * compare in NetCDF than as long CSV tables; the CSVs are still written.
 */
public final class OutputNetCdf {
  /** The file's name in the output folder. */
  public static final String FILE = "outputs.nc";

  private OutputNetCdf() {}

  /** True when the model has a declared output with two or more dims (so {@link #FILE} would be written). */
  public static boolean applies(ModelInfo info) {
    return info.outputs().stream().anyMatch(o -> o.role() == OutputInfo.Role.OUTPUT && o.dims().size() >= 2);
  }

  /** After a run: every output of two or more dims, with the values {@code values.apply(k)} of output k. */
  public static Path write(ModelInfo info, IntFunction<double[]> values, Path folder) throws IOException {
    return write(info, values, k -> null, folder);
  }

  /** After a fit: the values at the optimum and their posterior sd. */
  public static Path write(FitReport report, Path folder) throws IOException {
    Map<Integer, OutputSd> byIndex = new LinkedHashMap<>();
    report.outputs().forEach(o -> byIndex.put(o.output(), o));
    return write(report.info(), k -> byIndex.containsKey(k) ? byIndex.get(k).value() : null,
        k -> byIndex.containsKey(k) ? byIndex.get(k).sd() : null, folder);
  }

  private static Map<String, String> attributes(String longName, String units) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("long_name", longName);
    a.put("units", units);
    return a;
  }

  private static Path write(ModelInfo info, IntFunction<double[]> values, IntFunction<double[]> sds, Path folder)
      throws IOException {
    Map<String, NetCdfWriter.Dimension> dims = new LinkedHashMap<>();
    List<NetCdfWriter.Variable> vars = new ArrayList<>();
    for (int k = 0; k < info.outputs().size(); k++) {
      OutputInfo o = info.outputs().get(k);
      double[] v = values.apply(k);
      if (o.role() != OutputInfo.Role.OUTPUT || o.dims().size() < 2 || v == null) {
        continue;
      }
      for (String d : o.dims()) {
        dims.computeIfAbsent(d, name -> new NetCdfWriter.Dimension(name, info.dim(name).size(),
            info.dim(name).labels()));
      }
      String longName = o.description().isEmpty() ? o.name() : o.description();
      vars.add(new NetCdfWriter.Variable(o.name(), o.dims(), v, attributes(longName, o.unit())));
      double[] sd = sds.apply(k);
      if (sd != null) {
        vars.add(new NetCdfWriter.Variable(o.name() + "_sd", o.dims(), sd,
            attributes("posterior standard deviation of " + longName, o.unit())));
      }
    }
    if (vars.isEmpty()) {
      return null;
    }
    Map<String, String> global = new LinkedHashMap<>();
    global.put("Conventions", "CF-1.8");
    global.put("title", info.title().isEmpty() ? info.name() : info.title());
    global.put("source", "Phloem model '" + info.name() + "' (" + info.sourceFile() + ")");
    Path file = folder.resolve(FILE);
    NetCdfWriter.write(file, new ArrayList<>(dims.values()), vars, global);
    return file;
  }
}
