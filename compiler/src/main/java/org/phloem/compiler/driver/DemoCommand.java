package org.phloem.compiler.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code phloem demo}: one complete data assimilation, offline, in well under a minute: DALEC-evergreen
 * fitted to the Metolius (Oregon) flux and stock observations. It is the {@code check} and {@code fit}
 * commands run on {@code models/dalec/oregon.phl}, with a few sentences saying what each step shows.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run a complete data assimilation end to end (DALEC on the Oregon observations), offline.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", description = "where the report and plots go (default: phloem-out/demo)")
  Path out = Path.of("phloem-out", "demo");

  @Override
  public Integer call() throws Exception {
    Path model = demoModel();
    say("Phloem demo: DALEC-evergreen (Williams et al. 2005) at Metolius, Oregon, 2000-2002.",
        "The model: 5 carbon pools driven by daily weather, 10 parameters with priors (" + model + ").",
        "The data: daily NEE, GPP and ecosystem respiration, foliage and wood stocks (2,188 observations).",
        "",
        "Step 1 of 2: compile the model to bytecode with its adjoint, tangent and Hessian-vector code, and",
        "check the adjoint gradient against finite differences at the prior means.");
    int check = Main.execute("check", model.toString(), "--random", "0");
    if (check != 0) {
      return check;
    }
    say("",
        "Step 2 of 2: minimize the Bayesian cost J(p) = prior misfit + observation misfit with L-BFGS on the",
        "adjoint gradient, finish with trust-region Newton steps on the exact Hessian, check the conditions of a",
        "minimum, and invert the Hessian for the posterior uncertainties. One line per iteration:");
    int fit = Main.execute("fit", model.toString(), "--no-check", "--out", out.toString(), "--overwrite");
    Path table = out.resolve("parameters.csv");
    if (Files.isRegularFile(table)) {
      explain(table);
    }
    return fit;
  }

  /** Says which parameters the data constrained and which they left at their prior, from the fit's table. */
  private void explain(Path table) throws java.io.IOException {
    java.util.List<String> lines = Files.readAllLines(table);
    java.util.List<String> header = java.util.Arrays.asList(lines.get(0).split(","));
    int name = header.indexOf("name");
    int reduction = header.indexOf("uncertainty_reduction");
    int bound = header.indexOf("bound");
    java.util.List<String> constrained = new java.util.ArrayList<>();
    java.util.List<String> unseen = new java.util.ArrayList<>();
    java.util.List<String> held = new java.util.ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      if (bound >= 0 && !cells[bound].isEmpty()) {
        held.add(cells[name] + " (" + cells[bound] + ")");
        continue;
      }
      double r = cells[reduction].isEmpty() || cells[reduction].equals("NA") ? Double.NaN : Double.parseDouble(cells[reduction]);
      if (r >= 0.5) {
        constrained.add(cells[name]);
      } else if (r < 0.1) {
        unseen.add(cells[name]);
      }
    }
    say("",
        "How to read it: 'reduct.' is the uncertainty reduction 1 - sd_post/sd_prior of each parameter (on ln p for",
        "the rates searched on a log scale).",
        "The observations constrain " + list(constrained) + " (reduction of 50 % or more);",
        list(unseen) + " keep about their prior uncertainty: the data cannot see them.",
        held.isEmpty() ? "No parameter ends on a bound." : list(held) + " ends on its bound: the data pull it beyond, so it is held there, "
            + "with no sd and no reduction (the posterior of the others is conditional on it).",
        "The report, the correlations and the plots (each observed series with the fitted model) are in",
        "  " + out.toAbsolutePath().normalize());
  }

  private static String list(java.util.List<String> names) {
    return names.isEmpty() ? "none of the parameters" : String.join(", ", names);
  }

  private static void say(String... lines) {
    for (String l : lines) {
      System.out.println(l);
    }
    System.out.flush();
  }

  /** models/dalec/oregon.phl of the repository this command runs from. */
  private static Path demoModel() throws UserErrors.UserException {
    String repo = System.getProperty("phloem.repo", ".");
    Path model = Path.of(repo, "models", "dalec", "oregon.phl").normalize();
    if (!Files.isRegularFile(model)) {
      throw new UserErrors.UserException("the demo model " + model + " is missing; run ./phloem demo from a checkout of the repository");
    }
    Path here = Path.of("").toAbsolutePath();
    Path absolute = model.toAbsolutePath();
    return absolute.startsWith(here) ? here.relativize(absolute) : absolute;
  }
}
