package org.phloem.compiler.driver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.check.CheckOptions;
import org.phloem.runtime.check.CheckReport;
import org.phloem.runtime.check.ModelCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code phloem check MODEL}: the model's derivatives against finite differences at the prior means
 * (or given values) and at random points around the prior; exit 0 when every check passes, 1 otherwise.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check the model's derivatives (adjoint gradient, tangent, Hessian-vector) against finite differences.",
    footer = {"", "Prints one row per parameter (adjoint, finite difference, relative error, FAIL flag) and the dot-product "
        + "(tangent vs adjoint) and Hessian-vector checks on random directions. Exit 0 when all pass, 1 otherwise."})
final class CheckCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "the model file (.phl)")
  Path model;

  @Mixin DataOptions data = new DataOptions();

  @Option(names = "--at", paramLabel = "prior|FILE", defaultValue = "prior",
      description = "where to check: 'prior' (the prior means, default) or a CSV with columns name,value as for run --params")
  String at;

  @Option(names = "--random", paramLabel = "N", defaultValue = "0",
      description = "also check at N random points drawn around the prior, inside the bounds (default: ${DEFAULT-VALUE})")
  int random;

  /** The most random points a check takes: each costs one gradient plus two cost evaluations per parameter. */
  static final int MAX_RANDOM_POINTS = 10_000;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the random points (default: ${DEFAULT-VALUE})")
  long seed;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (random > MAX_RANDOM_POINTS) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--random is at most " + MAX_RANDOM_POINTS
          + " (each point costs a gradient and a finite difference per parameter), got " + random);
    }
    if (random < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--random must be 0 or more, got " + random);
    }
    CompiledModel m = data.load(model, true);
    Fittable.requireParameters(m.info(), "check");
    if (m.info().observations().isEmpty()) {
      System.out.println("Model " + m.info().name() + " observes nothing, so its cost is zero: the check compares the output"
          + " tangents with finite differences (the adjoint and Hessian rows are zero by construction).");
    }
    return run(m, at, random, seed) ? 0 : 1;
  }

  /** Checks {@code m} at the point {@code at} names and at {@code random} random points; prints every table; true when all passed. */
  static boolean run(CompiledModel m, String at, int random, long seed) throws UserErrors.UserException {
    List<String> where = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    where.add(at.equals("prior") ? "the prior means" : "the values in " + at);
    points.add(ParameterFile.priorOrFile(at, m.info()));
    List<double[]> drawn = RandomPoints.around(m.info(), random, seed);
    for (int k = 0; k < drawn.size(); k++) {
      where.add("random point " + (k + 1) + " of " + random + " (seed " + seed + ")");
      points.add(drawn.get(k));
    }
    List<String> failed = new ArrayList<>();
    List<String> causes = new ArrayList<>();
    for (int k = 0; k < points.size(); k++) {
      CheckReport report = ModelCheck.run(m, points.get(k), CheckOptions.defaults());
      System.out.println("== at " + where.get(k));
      System.out.print(report.format());
      if (!report.passed()) {
        failed.add(where.get(k));
        for (String c : CheckAdvice.causes(report, m.info(), points.get(k))) {
          if (!causes.contains(c)) {
            causes.add(c);
          }
        }
      }
    }
    if (points.size() > 1) {
      System.out.println(failed.isEmpty() ? "PASS at all " + points.size() + " points."
          : "FAIL at " + failed.size() + " of " + points.size() + " points: " + String.join("; ", failed) + ".");
    }
    if (!failed.isEmpty()) {
      System.out.println("Likely cause" + (causes.size() > 1 ? "s" : "") + ", most likely first:");
      for (String c : causes) {
        System.out.println("  - " + c);
      }
    }
    return failed.isEmpty();
  }
}
