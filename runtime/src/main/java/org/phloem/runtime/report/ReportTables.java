package org.phloem.runtime.report;

import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.DimInfo;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.OutputInfo;
import org.phloem.runtime.ParamInfo;
import org.phloem.runtime.fit.Bound;
import org.phloem.runtime.fit.IterationRecord;
import org.phloem.runtime.posterior.OutputSd;
import org.phloem.runtime.posterior.Posterior;

/** The CSV tables of a fit report, as text. */
public final class ReportTables {
  private ReportTables() {}

  /**
   * parameters.csv: name, prior_mean, prior_sd, posterior, posterior_sd, uncertainty_reduction, bound,
   * unit, note. A flat-prior slot has NA prior and reduction; bound is "lower" or "upper" for a slot the
   * fit held on that bound (NA sd and reduction: the posterior is conditional on it), empty otherwise;
   * note says "undetermined" when the slot dominates a direction where the Hessian is not positive definite.
   */
  public static String parameters(FitReport r) {
    Csv csv = new Csv().row("name", "prior_mean", "prior_sd", "posterior", "posterior_sd", "uncertainty_reduction", "bound", "unit", "note");
    Posterior post = r.posterior();
    ModelInfo info = r.info();
    double[] mean = info.priorMeans();
    for (int i = 0; i < post.names().size(); i++) {
      ParamInfo p = info.paramAt(i);
      boolean prior = Double.isFinite(post.priorSd()[i]);
      Bound bound = r.fit().verdict() == null ? Bound.NONE : r.fit().bounds().get(i);
      csv.row(post.names().get(i), prior ? mean[i] : Double.NaN, prior ? post.priorSd()[i] : Double.NaN, r.fit().parameters()[i],
          bound.isActive() ? Double.NaN : post.sd()[i], bound.isActive() ? Double.NaN : post.uncertaintyReduction()[i], bound.label(),
          p.unit(), post.undetermined()[i] ? "undetermined" : "");
    }
    return csv.toString();
  }

  /** correlation.csv: a square matrix with the slot names as header row and first column. */
  public static String correlation(FitReport r) {
    Posterior post = r.posterior();
    List<Object> header = new ArrayList<>();
    header.add("parameter");
    header.addAll(post.names());
    Csv csv = new Csv().row(header);
    for (int i = 0; i < post.names().size(); i++) {
      List<Object> row = new ArrayList<>();
      row.add(post.names().get(i));
      for (double c : post.correlation()[i]) {
        row.add(c);
      }
      csv.row(row);
    }
    return csv.toString();
  }

  /**
   * outputs.csv, long format: output, index, then dim1, label1, dim2, label2, ... up to the largest
   * rank among the declared outputs (empty beyond an output's own rank), value, sd, unit. Only declared
   * outputs; the modelled observations are in residuals.csv.
   */
  public static String outputs(FitReport r) {
    StringBuilder sb = new StringBuilder();
    outputs(r, sb);
    return sb.toString();
  }

  /** {@link #outputs(FitReport)} written into {@code out} row by row. */
  public static void outputs(FitReport r, Appendable out) {
    ModelInfo info = r.info();
    List<OutputSd> declared = r.outputs().stream()
        .filter(o -> info.outputs().get(o.output()).role() == OutputInfo.Role.OUTPUT).toList();
    int rank = declared.stream().mapToInt(o -> o.dims().size()).max().orElse(0);
    List<Object> header = new ArrayList<>(List.of("output", "index"));
    for (int d = 1; d <= rank; d++) {
      header.add("dim" + d);
      header.add("label" + d);
    }
    header.addAll(List.of("value", "sd", "unit"));
    Csv csv = new Csv(out).row(header);
    for (OutputSd o : declared) {
      String unit = info.outputs().get(o.output()).unit();
      for (int e = 0; e < o.value().length; e++) {
        csv.cell(o.name()).cell(e);
        String[] labels = labels(info, o.dims(), e);
        for (int d = 0; d < rank; d++) {
          csv.cell(d < o.dims().size() ? o.dims().get(d) : null);
          csv.cell(d < o.dims().size() ? labels[d] : null);
        }
        csv.cell(o.value()[e]).cell(o.sd()[e]).cell(unit).end();
      }
    }
    csv.flush();
  }

  /** residuals.csv: observation, index, element, modelled, modelled_sd, observed, sd, normalized_residual. */
  public static String residuals(FitReport r) {
    StringBuilder sb = new StringBuilder();
    residuals(r, sb);
    return sb.toString();
  }

  /** {@link #residuals(FitReport)} written into {@code out} row by row. */
  public static void residuals(FitReport r, Appendable out) {
    Csv csv = new Csv(out).row("observation", "index", "element", "modelled", "modelled_sd", "observed", "sd", "normalized_residual");
    for (ResidualRow row : r.residuals()) {
      csv.cell(row.observation()).cell(row.index()).cell(row.element()).cell(row.modelled()).cell(row.modelledSd())
          .cell(row.observed()).cell(row.sd()).cell(row.normalizedResidual()).end();
    }
    csv.flush();
  }

  /** iterations.csv: method, iteration, cost, gradient_norm, step_length, evaluations. */
  public static String iterations(FitReport r) {
    Csv csv = new Csv().row("method", "iteration", "cost", "gradient_norm", "step_length", "evaluations");
    for (IterationRecord it : r.fit().iterations()) {
      csv.row(it.method(), it.iteration(), it.cost(), it.gradientNorm(), it.stepLength(), it.evaluations());
    }
    return csv.toString();
  }

  /** The labels of element e of an array over dims, one per dim. */
  static String[] labels(ModelInfo info, List<String> dims, int e) {
    String[] out = new String[dims.size()];
    int rest = e;
    for (int d = dims.size() - 1; d >= 0; d--) {
      DimInfo dim = info.dim(dims.get(d));
      out[d] = dim.labels().get(rest % dim.size());
      rest /= dim.size();
    }
    return out;
  }
}
