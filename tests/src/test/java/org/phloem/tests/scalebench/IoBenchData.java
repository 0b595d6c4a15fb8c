package org.phloem.tests.scalebench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/** The synthetic tables and the model the data I/O measurements read and fit (deterministic, seeded). */
public final class IoBenchData {
  private IoBenchData() {}

  /** Columns of the wide table read by the read measurement. */
  static final int COLUMNS = 10;

  /** Writes {@code rows} × {@value #COLUMNS} numbers (c0..c9, six decimals) into {@code root/wide/table.csv}. */
  static Path wideTable(Path root, int rows) throws IOException {
    Path file = Files.createDirectories(root.resolve("wide")).resolve("table.csv");
    SplittableRandom random = new SplittableRandom(20261205);
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      StringBuilder header = new StringBuilder();
      for (int c = 0; c < COLUMNS; c++) {
        header.append(c == 0 ? "" : ",").append('c').append(c);
      }
      w.write(header.append('\n').toString());
      StringBuilder row = new StringBuilder();
      for (int r = 0; r < rows; r++) {
        row.setLength(0);
        for (int c = 0; c < COLUMNS; c++) {
          row.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", random.nextDouble(-1000, 1000)));
        }
        w.write(row.append('\n').toString());
      }
    }
    return file;
  }

  /** A model reading every column of the wide table into an input over one dim. */
  static String wideModel() {
    StringBuilder s = new StringBuilder("model wide\ndata \"wide/table.csv\"\ndim row\n");
    for (int c = 0; c < COLUMNS; c++) {
      s.append("input c").append(c).append("[row]\n");
    }
    s.append("param a = 1 sd 1\noutput total\ntotal = a * (c0[0] + c9[0])\n");
    return s.toString();
  }

  /** The three-parameter regression y = a + b x + c x² + noise (sd 0.5) at {@code n} points in {@code root/reg/points.csv}. */
  public static Path regressionTable(Path root, int n) throws IOException {
    Path file = Files.createDirectories(root.resolve("reg")).resolve("points.csv");
    SplittableRandom random = new SplittableRandom(11);
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("x,y\n");
      for (int i = 0; i < n; i++) {
        double x = random.nextDouble(-2, 2);
        double noise = 0.5 * Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        w.write(String.format(Locale.ROOT, "%.6f,%.6f%n", x, 1.5 - 0.7 * x + 0.3 * x * x + noise));
      }
    }
    return file;
  }

  /** The regression model: three parameters with wide priors, every point observed. */
  public static String regressionModel() {
    return """
        model reg "three-parameter regression: y = a + b x + c x^2"
        data "reg/points.csv"
        dim point
        input x[point]
        input y[point]
        param a = 0 sd 10
        param b = 0 sd 10
        param c = 0 sd 10
        output yhat[point]
        for i in point {
          yhat[i] = a + b * x[i] + c * x[i] * x[i]
        }
        observe yhat[i] ~ normal(y[i], 0.5) for i in point
        """;
  }
}
