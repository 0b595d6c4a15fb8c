package org.phloem.tests.nist;

import java.util.Locale;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.posterior.LeastSquaresCovariance;

/**
 * Prints the table of models/nist/README.md ("Fits from both starts"): every shipped NIST problem fitted
 * from NIST's two starting points as {@code phloem fit} fits it, its verdict, and the fewest certified
 * digits (−log10 of the relative error) among its values and among its standard deviations.
 * {@code tests/.../fit/NistStartingPointsTest} holds every fit to the rule the table shows. Run from the
 * repository root:
 * <pre>
 * java -cp "tests/target/test-classes:compiler/target/compiler-0.1.0-SNAPSHOT.jar:compiler/target/lib/*" \
 *     org.phloem.tests.nist.NistFitTable
 * </pre>
 */
public final class NistFitTable {
  private NistFitTable() {}

  /** Digits of {@code x} agreeing with {@code certified} (McCullough's log relative error), at most 15. */
  static double digits(double x, double certified) {
    return x == certified ? 15 : Math.min(15, -Math.log10(Math.abs(x - certified) / Math.abs(certified)));
  }

  /** Entry point: no arguments. */
  public static void main(String[] args) {
    System.out.println("| problem | start | verdict | fewest digits, values | fewest digits, sds |");
    System.out.println("|---|---:|---|---:|---:|");
    for (NistProblem p : NistReference.load(NistModels.dataRoot())) {
      for (int start = 1; start <= 2; start++) {
        CompiledModel model = NistModels.compiled(p);
        FitResult fit = Fitter.fit(model, FitOptions.defaults().withStart(start == 1 ? p.start1() : p.start2()));
        double values = 15;
        for (int k = 0; k < fit.parameters().length; k++) {
          values = Math.min(values, digits(fit.parameters()[k], p.parameters().get(k).value()));
        }
        String sds;
        try {
          double[] sd = LeastSquaresCovariance.at(model, fit.parameters()).sd();
          double d = 15;
          for (int k = 0; k < sd.length; k++) {
            d = Math.min(d, digits(sd[k], p.parameters().get(k).sd()));
          }
          sds = String.format(Locale.ROOT, "%.1f", d);
        } catch (RuntimeException e) { // no covariance where the Hessian is singular: the verdict says so
          sds = "–";
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | %s |%n", p.name(), start, fit.status(), values, sds);
      }
    }
  }
}
