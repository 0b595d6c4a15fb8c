package org.phloem.compiler.driver;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.DoublePredicate;
import org.phloem.compiler.diagnose.NumericalFaults;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.OutputInfo;
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
    // A NaN or infinite result is explained (file, line, variable, element), not just reported. A NaN
    // output with a finite cost is written blank (missing), as a fit writes it: an output over every
    // station of a table is NaN where a station has no data, and the run is still a run. A non-finite
    // cost or an infinite output is refused: the tables cannot hold infinities and the cost is the result.
    var fault = NumericalFaults.diagnose(c, m, p);
    double cost = m.cost(p);
    if (fault.isPresent() && !(Double.isFinite(cost) && noInfinities(m))) {
      System.err.print(fault.get());
      System.err.println("No output files were written.");
      return UserErrors.PROBLEM;
    }
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
    if (fault.isPresent()) {
      System.err.print("note: " + fault.get());
      System.err.println("  NaN output elements (" + nanCount(m) + " in all) are written blank, as missing values.");
    }
    return 0;
  }

  /** True when no declared output of the last evaluation holds an infinity. */
  private static boolean noInfinities(CompiledModel m) {
    return count(m, Double::isInfinite) == 0;
  }

  /** How many elements of the declared outputs (not the observation arrays) of the last evaluation are NaN. */
  private static long nanCount(CompiledModel m) {
    return count(m, Double::isNaN);
  }

  /** The elements of the declared outputs the files hold (not the observation arrays) for which {@code test} holds. */
  private static long count(CompiledModel m, DoublePredicate test) {
    long n = 0;
    for (int k = 0; k < m.info().outputs().size(); k++) {
      if (m.info().outputs().get(k).role() == OutputInfo.Role.OUTPUT) {
        n += Arrays.stream(m.output(k)).filter(test).count();
      }
    }
    return n;
  }
}
