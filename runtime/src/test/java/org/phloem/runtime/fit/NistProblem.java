package org.phloem.runtime.fit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.phloem.runtime.data.RepositoryData;

/**
 * A NIST StRD nonlinear regression problem as a test double: data from
 * {@code data/nist/<name>.csv}, certified values and starts from {@code data/nist/certified.csv},
 * the residual sum of squares from {@code problems.csv}, and the model formula hand-coded here.
 * The observation sd is 1, so the observation cost is RSS/2.
 */
public final class NistProblem {
  public final String name;
  public final double[] x;
  public final double[] y;
  public final double[] start1;
  public final double[] start2;
  public final double[] certifiedValue;
  public final double[] certifiedSd;
  public final double certifiedRss;
  private final Function<Dual2[], Function<Double, Dual2>> formula;

  private NistProblem(String name, Function<Dual2[], Function<Double, Dual2>> formula) {
    this.name = name;
    this.formula = formula;
    Path dir = dataRoot().resolve("nist");
    List<double[]> rows = readCsv(dir.resolve(name + ".csv"));
    x = new double[rows.size()];
    y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      y[i] = rows.get(i)[0];
      x[i] = rows.get(i)[1];
    }
    List<String[]> cert = new ArrayList<>();
    for (String line : lines(dir.resolve("certified.csv"))) {
      String[] f = line.split(",");
      if (f[0].equals(name)) {
        cert.add(f);
      }
    }
    int n = cert.size();
    start1 = new double[n];
    start2 = new double[n];
    certifiedValue = new double[n];
    certifiedSd = new double[n];
    for (int j = 0; j < n; j++) {
      String[] f = cert.get(j);
      start1[j] = Double.parseDouble(f[2]);
      start2[j] = Double.parseDouble(f[3]);
      certifiedValue[j] = Double.parseDouble(f[4]);
      certifiedSd[j] = Double.parseDouble(f[5]);
    }
    double rss = Double.NaN;
    for (String line : lines(dir.resolve("problems.csv"))) {
      if (line.startsWith(name + ",")) {
        String[] f = line.split(",");
        rss = Double.parseDouble(f[f.length - 3]);
      }
    }
    certifiedRss = rss;
  }

  /** The repository's data folder, which carries the NIST tables. */
  public static Path dataRoot() {
    return RepositoryData.data();
  }

  /** y = b1 (1 − exp(−b2 x)). */
  public static NistProblem misra1a() {
    return new NistProblem("Misra1a", b -> x -> b[0].times(b[1].times(-x).exp().negate().plus(1)));
  }

  /** y = (b1 + b2 x + b3 x²) / (1 + b4 x + b5 x²). */
  public static NistProblem kirby2() {
    return new NistProblem("Kirby2", b -> x -> b[0].plus(b[1].times(x)).plus(b[2].times(x * x))
        .div(b[3].times(x).plus(b[4].times(x * x)).plus(1)));
  }

  /** y = b1 (x² + x b2) / (x² + x b3 + b4). */
  public static NistProblem mgh09() {
    return new NistProblem("MGH09", b -> x -> b[0].times(b[1].times(x).plus(x * x))
        .div(b[2].times(x).plus(b[3]).plus(x * x)));
  }

  /** y = b1 / (1 + exp(b2 − b3 x)). */
  public static NistProblem rat42() {
    return new NistProblem("Rat42", b -> x -> b[0].div(b[1].minus(b[2].times(x)).exp().plus(1)));
  }

  /** y = b1 + b2 exp(−x b4) + b3 exp(−x b5). */
  public static NistProblem mgh17() {
    return new NistProblem("MGH17", b -> x -> b[0].plus(b[1].times(b[3].times(-x).exp())).plus(b[2].times(b[4].times(-x).exp())));
  }

  /** Number of parameters. */
  public int parameterCount() {
    return certifiedValue.length;
  }

  /** The modelled values at b (with exact derivatives). */
  public Dual2[] evaluate(Dual2[] b) {
    Function<Double, Dual2> f = formula.apply(b);
    Dual2[] out = new Dual2[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = f.apply(x[i]);
    }
    return out;
  }

  /** The problem as a model with flat priors on b1..bn referenced at {@code start}, sd 1 per datum. */
  public AnalyticModel model(double[] start) {
    AnalyticModel.Builder b = AnalyticModel.builder(name);
    for (int j = 0; j < start.length; j++) {
      b.flat("b" + (j + 1), start[j]);
    }
    double[] ones = new double[y.length];
    java.util.Arrays.fill(ones, 1.0);
    return b.observations(y, ones).formula(this::evaluate);
  }

  private static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<double[]> readCsv(Path p) {
    List<double[]> rows = new ArrayList<>();
    List<String> all = lines(p);
    for (String line : all.subList(1, all.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");
      double[] r = new double[f.length];
      for (int k = 0; k < f.length; k++) {
        r[k] = Double.parseDouble(f[k].trim());
      }
      rows.add(r);
    }
    return rows;
  }
}
