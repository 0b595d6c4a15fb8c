package org.phloem.tests.bethy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.posterior.Posterior;

/**
 * Prints the README's tables. Without model files: the CO2 experiment for both soil closures, each
 * arm's best optimum by the cross-start protocol ({@link BethySite#crossStarted}), with every fit made
 * to find it. With model files (under models/bethy): each fitted from its prior means on 2000-2009
 * (or on one year with {@code --one-year YEAR}), the posterior per parameter slot and the NEE misfit of
 * the held-out year 2010. Run from the repository root (see models/bethy/README.md):
 * <pre>
 * java -cp "tests/target/test-classes:compiler/target/compiler-0.1.0-SNAPSHOT.jar:compiler/target/lib/*" \
 *     org.phloem.tests.bethy.BethyExperiment [--one-year YEAR] [model.phl ...]
 * </pre>
 */
public final class BethyExperiment {
  private BethyExperiment() {}

  /** Entry point: optional {@code --one-year YEAR}, then model file names under models/bethy. */
  public static void main(String[] args) throws Exception {
    int oneYear = 0;
    List<String> files = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--one-year")) {
        oneYear = Integer.parseInt(args[++i]);
      } else {
        files.add(args[i]);
      }
    }
    if (files.isEmpty()) {
      co2Experiment("hyytiala.phl", "hyytiala_fixed_co2.phl");
      co2Experiment("hyytiala_ccdas_closure.phl", "hyytiala_fixed_co2_ccdas_closure.phl");
      return;
    }
    Path root = oneYear == 0 ? null : BethySite.oneYearDataRoot(Files.createTempDirectory("bethy-data"), oneYear);
    for (String file : files) {
      long t0 = System.nanoTime();
      CompiledModel model = root == null ? BethySite.load(file) : BethySite.load(file, root);
      long compile = (System.nanoTime() - t0) / 1_000_000;
      BethySite.Outcome o = BethySite.fitAndAnalyse(model);
      System.out.println(report(file, model.info(), o, compile));
    }
  }

  private static void co2Experiment(String varyingFile, String fixedFile) throws Exception {
    BethySite.CrossStarted r = BethySite.crossStarted(BethySite.load(varyingFile), BethySite.load(fixedFile));
    System.out.printf(Locale.ROOT, "## CO2 experiment: %s against %s%n%n", varyingFile, fixedFile);
    r.log().forEach(line -> System.out.println("- " + line));
    System.out.printf(Locale.ROOT, "%nDelta J (fixed - varying) = %.3f%n%n", r.deltaCost());
    CompiledModel v = BethySite.load(varyingFile);
    System.out.println(report(varyingFile, v.info(), r.varying(), 0));
    System.out.println(report(fixedFile, v.info(), r.fixed(), 0));
  }

  /** The markdown report of one fit. */
  static String report(String file, ModelInfo info, BethySite.Outcome o, long compileMillis) {
    StringBuilder sb = new StringBuilder();
    Posterior p = o.posterior();
    sb.append(String.format(Locale.ROOT, "### %s (%s)%n%n", file, o.model()));
    sb.append(String.format(Locale.ROOT, "- fit: %s, %s, %d evaluations, cost %.2f (observations %.2f, prior %.2f), |grad| %.2e%n",
        o.fit().method(), o.fit().status(), o.fit().evaluations(), o.fit().cost(), o.fit().observationCost(), o.fit().priorCost(),
        o.fit().gradientNorm()));
    for (String c : o.fit().verdict().conditions()) {
      sb.append("  - ").append(c).append('\n');
    }
    sb.append(String.format(Locale.ROOT, "- time: compile %.1f s, fit %.1f s, posterior %.1f s%n", compileMillis / 1e3,
        o.fitMillis() / 1e3, o.posteriorMillis() / 1e3));
    sb.append(String.format(Locale.ROOT, "- NEE RMSE 2000-2009: prior %.3f, posterior %.3f g C m-2 d-1%n", o.rmseFitPrior(), o.rmseFit()));
    sb.append(String.format(Locale.ROOT, "- NEE RMSE held out: prior %.3f, posterior %.3f g C m-2 d-1; held-out annual NEE %.1f g C m-2%n",
        o.rmseHeldoutPrior(), o.rmseHeldout(), o.neeHeldoutAnnual()));
    sb.append(String.format(Locale.ROOT, "- slow-pool respiration %.1f g C m-2 yr-1 (mean 2000-2009)%n", o.rslowAnnual()));
    sb.append(String.format(Locale.ROOT, "- posterior: %s%n", p.positiveDefinite() ? "Hessian positive definite" : "Hessian NOT positive definite"));
    for (String w : p.warnings()) {
      sb.append("  - ").append(w).append('\n');
    }
    for (String n : o.fit().notes()) {
      sb.append("  - note: ").append(n).append('\n');
    }
    sb.append(String.format(Locale.ROOT, "%n| parameter | prior | prior sd | posterior | posterior sd | uncertainty reduction |%n"));
    sb.append("|---|---:|---:|---:|---:|---:|\n");
    int untouched = 0;
    for (int i = 0; i < p.names().size(); i++) {
      double ur = BethySite.uncertaintyReduction(info, p, i);
      if (Math.abs(ur) < 1e-6 && Math.abs(p.optimum()[i] - o.priorMean()[i]) <= 1e-9 * Math.abs(o.priorMean()[i])) {
        untouched++; // slots no term of the site model uses (other PFTs, C4, offset) keep their priors
        continue;
      }
      String bound = o.fit().bounds().get(i).label();
      if (!bound.isEmpty()) { // held on its bound: no sd, no uncertainty reduction (the posterior is conditional on it)
        sb.append(String.format(Locale.ROOT, "| %s%s | %s | %s | %s (%s bound) | – | – |%n", p.names().get(i), info.logScale()[i] ? " (log)" : "",
            g(o.priorMean()[i]), g(p.priorSd()[i]), g(p.optimum()[i]), bound));
        continue;
      }
      sb.append(String.format(Locale.ROOT, "| %s%s | %s | %s | %s | %s | %.0f %% |%n", p.names().get(i), info.logScale()[i] ? " (log)" : "",
          g(o.priorMean()[i]), g(p.priorSd()[i]), g(p.optimum()[i]), g(p.sd()[i]), 100 * ur));
    }
    sb.append(String.format(Locale.ROOT, "%n%d other slots keep their priors exactly.%n", untouched));
    return sb.toString();
  }

  private static String g(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
