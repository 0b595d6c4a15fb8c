package org.phloem.compiler.driver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.OutputInfo;
import org.phloem.runtime.data.CsvTableWriter;
import org.phloem.runtime.report.OutputNetCdf;

/**
 * Writes a forward run's outputs in the formats the data binding reads: 1-D outputs sharing a dim as one
 * wide table {@code outputs_<dim>.csv}, n-D outputs each as a long table {@code <name>.csv}, scalar
 * outputs and the cost in {@code scalars.csv}; outputs over two or more dims also in {@code outputs.nc}
 * (CF-NetCDF, see {@link OutputNetCdf}).
 */
final class OutputFiles {
  private OutputFiles() {}

  /** Writes every declared output of the last evaluation; returns the files written. */
  static List<Path> write(CompiledModel model, double cost, Path folder) throws IOException {
    ModelInfo info = model.info();
    List<Path> written = new ArrayList<>();
    Map<String, Map<String, double[]>> byDim = new LinkedHashMap<>();
    Map<String, Double> scalars = new LinkedHashMap<>();
    scalars.put("cost", cost);
    for (int k = 0; k < info.outputs().size(); k++) {
      OutputInfo o = info.outputs().get(k);
      if (o.role() != OutputInfo.Role.OUTPUT) {
        continue;
      }
      double[] values = model.output(k).clone();
      if (o.dims().isEmpty()) {
        scalars.put(o.name(), values[0]);
      } else if (o.dims().size() == 1) {
        byDim.computeIfAbsent(o.dims().get(0), d -> new LinkedHashMap<>()).put(o.name(), values);
      } else {
        List<List<String>> labels = new ArrayList<>();
        for (String d : o.dims()) {
          labels.add(info.dim(d).labels());
        }
        Path file = folder.resolve(o.name() + ".csv");
        CsvTableWriter.writeLong(file, o.dims(), labels, Map.of(o.name(), values));
        written.add(file);
      }
    }
    for (Map.Entry<String, Map<String, double[]>> e : byDim.entrySet()) {
      Path file = folder.resolve("outputs_" + e.getKey() + ".csv");
      CsvTableWriter.writeWide(file, e.getKey(), info.dim(e.getKey()).labels(), e.getValue());
      written.add(file);
    }
    Path file = folder.resolve("scalars.csv");
    CsvTableWriter.writeScalars(file, scalars);
    written.add(file);
    Path netCdf = OutputNetCdf.write(info, model::output, folder);
    if (netCdf != null) {
      written.add(netCdf);
    }
    return written;
  }
}
