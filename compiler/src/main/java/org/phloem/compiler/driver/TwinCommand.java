package org.phloem.compiler.driver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.ObservationInfo;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.data.CsvTableWriter;
import org.phloem.runtime.data.DataBinder;
import org.phloem.runtime.fit.FitException;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.twin.GaussianNoise;
import org.phloem.runtime.twin.SyntheticObservations;
import org.phloem.runtime.twin.TruthDraw;
import org.phloem.runtime.twin.TwinExperiment;
import org.phloem.runtime.twin.TwinReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code phloem twin MODEL}: a twin experiment. The model is run at a known truth; each observed input
 * (see {@link ObservedInputs}) is replaced, on the elements its observation uses, by the modelled value
 * plus seeded Gaussian noise with the observation's sd; the model bound to these synthetic inputs is
 * fitted from the prior means; the posterior is scored against the truth ({@link TwinExperiment}).
 *
 * <p>The sds and the {@code if} selection are those of the run at the truth with the original inputs;
 * an observation whose sd or condition depends on its own observed values (a relative error, a
 * threshold on the data) is re-evaluated on the synthetic values when fitting.
 */
@Command(name = "twin", mixinStandardHelpOptions = true,
    description = {"Twin experiment: make the model's observations from known parameters plus Gaussian noise, fit them back "
        + "from the prior means, and print truth against posterior and the cost against its expected chi-squared range.",
        "The observed values of every observe statement must be an input read at the statement's own indices; "
            + "its non-missing elements say which elements are observed."})
final class TwinCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "the model file (.phl)")
  Path model;

  @Mixin DataOptions data = new DataOptions();

  @Option(names = "--truth", paramLabel = "FILE",
      description = "CSV with columns name,value: the true parameters (unnamed ones: their prior means)")
  Path truthFile;

  @Option(names = "--truth-seed", paramLabel = "S", defaultValue = "1",
      description = "without --truth, draw the truth from the priors (within the bounds) with this seed (default: ${DEFAULT-VALUE})")
  long truthSeed;

  @Option(names = "--noise-seed", paramLabel = "S", defaultValue = "1",
      description = "seed of the observation noise (default: ${DEFAULT-VALUE})")
  long noiseSeed;

  @Option(names = "--out", paramLabel = "DIR", description = "where to write the CSVs (default: phloem-out/MODEL-NAME/twin)")
  Path out;

  @Override
  public Integer call() throws Exception {
    Compilation c = Pipeline.compile(model, true);
    ModelLayout layout = c.loaded().layout();
    BoundData placeholders = DataBinder.bind(data.root(model), layout.tables(), layout.dims(), layout.inputs());
    CompiledModel atPlaceholders = c.loaded().bind(placeholders);
    ModelInfo info = atPlaceholders.info();
    List<ObservedInputs.Entry> observed = ObservedInputs.find(c.checked(), info);
    double[] truth = truth(info);

    atPlaceholders.cost(truth);
    GaussianNoise noise = new GaussianNoise(noiseSeed);
    Map<String, double[]> inputs = new HashMap<>(placeholders.inputs());
    Map<ObservedInputs.Entry, Map<String, double[]>> tables = new LinkedHashMap<>();
    for (ObservedInputs.Entry e : observed) {
      ObservationInfo obs = info.observations().get(e.observation());
      double[] modelled = atPlaceholders.output(obs.modelOutput()).clone();
      double[] sd = atPlaceholders.output(obs.sdOutput()).clone();
      double[] synthetic = SyntheticObservations.make(modelled, sd, noise);
      inputs.put(e.input(), synthetic);
      Map<String, double[]> columns = new LinkedHashMap<>();
      columns.put(e.input(), synthetic);
      columns.put(e.input() + "_true", modelled);
      columns.put(e.input() + "_sd", sd);
      tables.put(e, columns);
    }
    CompiledModel synthetic = c.loaded().bind(new BoundData(placeholders.dimSizes(), placeholders.dimLabels(), inputs));

    TwinReport report;
    try {
      report = TwinExperiment.run(synthetic, truth, FitOptions.defaults());
    } catch (FitException ex) {
      throw new UserErrors.UserException("the twin experiment's fit failed: " + ex.getMessage());
    }
    Path folder = out != null ? out : Path.of("phloem-out", info.name(), "twin");
    List<Path> files;
    try (OutputFolder owned = OutputFolder.claim(folder)) {
      files = new ArrayList<>(report.writeCsv(folder));
      for (Map.Entry<ObservedInputs.Entry, Map<String, double[]>> t : tables.entrySet()) {
        List<List<String>> labels = t.getKey().dims().stream().map(d -> info.dim(d).labels()).toList();
        Path file = folder.resolve("synthetic_" + t.getKey().input() + ".csv");
        CsvTableWriter.writeLong(file, t.getKey().dims(), labels, t.getValue());
        files.add(file);
      }
    }

    System.out.printf("twin experiment: model %s; truth %s; noise seed %d; fit from the prior means%n", info.name(),
        truthFile != null ? "from " + truthFile : "drawn from the priors with seed " + truthSeed, noiseSeed);
    for (ObservedInputs.Entry e : observed) {
      System.out.printf("  %s: synthetic values for observe %s%n", e.input(), info.observations().get(e.observation()).label());
    }
    System.out.println();
    System.out.print(report.format());
    System.out.println();
    System.out.println("wrote " + files.size() + " files to " + folder.toAbsolutePath().normalize() + ":");
    for (Path f : files) {
      System.out.println("  " + f.getFileName());
    }
    return 0;
  }

  private double[] truth(ModelInfo info) throws UserErrors.UserException {
    if (truthFile != null) {
      return ParameterFile.read(truthFile, info);
    }
    try {
      return TruthDraw.fromPrior(info, truthSeed);
    } catch (IllegalArgumentException e) {
      throw new UserErrors.UserException(e.getMessage());
    }
  }
}
