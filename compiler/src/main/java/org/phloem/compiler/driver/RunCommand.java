package org.phloem.compiler.driver;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.phloem.compiler.diagnose.NumericalFaults;
import org.phloem.runtime.CompiledModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phloem run MODEL}: the forward model at the prior means (or given values), outputs to CSV. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the forward model at the prior means (or --params) and write every output and the cost as CSV.")
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "the model file (.phl)")
  Path model;

  @Mixin DataOptions data = new DataOptions();

  @Option(names = "--params", paramLabel = "FILE",
      description = "CSV with columns name,value (or a fit's parameters.csv); unnamed parameters keep their prior means")
  Path params;

  @Option(names = "--out", paramLabel = "DIR", description = "where to write the outputs (default: phloem-out/MODEL-NAME)")
  Path out;

  @Override
  public Integer call() throws Exception {
    Compilation c = Pipeline.compile(model, false);
    CompiledModel m = c.bind(data.root(model));
    double[] p = params == null ? m.info().priorMeans() : ParameterFile.read(params, m.info());
    // A NaN or infinite result is explained (file, line, variable, element), not just reported; the
    // output tables cannot hold such values, so none are written.
    var fault = NumericalFaults.diagnose(c, m, p);
    if (fault.isPresent()) {
      System.err.print(fault.get());
      System.err.println("No output files were written.");
      return UserErrors.PROBLEM;
    }
    double cost = m.cost(p);
    Path folder = out != null ? out : Path.of("phloem-out", m.info().name());
    List<Path> files;
    try (OutputFolder owned = OutputFolder.claim(folder)) {
      files = OutputFiles.write(m, cost, folder);
    }
    System.out.printf("model %s: %d parameters at %s; observation cost J = %.6g%n", m.info().name(),
        m.info().parameterCount(), params == null ? "their prior means" : params, cost);
    System.out.println("wrote " + files.size() + " files to " + folder.toAbsolutePath().normalize() + ":");
    for (Path f : files) {
      System.out.println("  " + f.getFileName());
    }
    return 0;
  }
}
