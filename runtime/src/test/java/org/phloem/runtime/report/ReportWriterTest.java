package org.phloem.runtime.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.runtime.fit.AnalyticModel;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.fit.TestModels;

class ReportWriterTest {

  private static FitReport report;
  private static FitResult fit;

  @BeforeAll
  static void fitOnce() {
    AnalyticModel m = TestModels.mixed();
    fit = Fitter.fit(m, FitOptions.defaults());
    report = FitReport.analyze(m, fit);
  }

  private static List<String[]> read(Path p) throws IOException {
    return Files.readAllLines(p).stream().map(l -> l.split(",", -1)).toList();
  }

  private static double num(String s) {
    return s.equals("NA") ? Double.NaN : Double.parseDouble(s);
  }

  @Test
  void allFilesWritten_andNoTemporaryFilesLeft(@TempDir Path dir) throws IOException {
    List<Path> written = ReportWriter.write(report, dir, true);
    List<String> names = written.stream().map(p -> p.getFileName().toString()).toList();
    assertEquals(List.of("parameters.csv", "correlation.csv", "outputs.csv", "residuals.csv", "iterations.csv", "summary.txt",
        "observation_1_y_i.png", "parameter_sd.png", "correlation.png"), names);
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(names.size(), s.count(), "only the report's files, no .tmp left over");
    }
  }

  @Test
  void parametersCsv_holdsTheFitAndPosteriorExactly(@TempDir Path dir) throws IOException {
    ReportWriter.write(report, dir, false);
    List<String[]> rows = read(dir.resolve("parameters.csv"));
    assertArrayEquals(new String[] {"name", "prior_mean", "prior_sd", "posterior", "posterior_sd", "uncertainty_reduction", "bound", "unit",
        "note"},
        rows.get(0));
    assertEquals(6, rows.size());
    for (int i = 0; i < 5; i++) {
      String[] r = rows.get(i + 1);
      assertEquals(report.posterior().names().get(i), r[0]);
      assertEquals(fit.parameters()[i], num(r[3]), 0, "shortest round-trip form reads back exactly");
      assertEquals(report.posterior().sd()[i], num(r[4]), 0);
      assertEquals("", r[6], "no slot of this fit ends on a bound");
      assertEquals("u_" + r[0], r[7]);
    }
    assertEquals("NA", rows.get(4)[2], "flat prior: no prior sd");
    assertEquals("NA", rows.get(4)[5], "flat prior: no reduction");
    assertEquals(1.5, num(rows.get(2)[1]), 0, "prior mean of k");
  }

  @Test
  void residualsCsv_skipsMissing_andNormalizes(@TempDir Path dir) throws IOException {
    ReportWriter.write(report, dir, false);
    List<String[]> rows = read(dir.resolve("residuals.csv"));
    assertEquals(1 + 9, rows.size(), "ten observations, one missing");
    for (String[] r : rows.subList(1, rows.size())) {
      assertEquals("y[i]", r[0]);
      assertTrue(!r[1].equals("2"), "the missing element 2 is left out");
      assertEquals(r[1], r[2], "element label of dim i is its index");
      double expected = (num(r[3]) - num(r[5])) / num(r[6]);
      assertEquals(expected, num(r[7]), 1e-12);
      assertTrue(num(r[4]) > 0, "modelled sd");
    }
  }

  @Test
  void outputsCsv_isLongFormatWithDimLabels(@TempDir Path dir) throws IOException {
    ReportWriter.write(report, dir, false);
    List<String[]> rows = read(dir.resolve("outputs.csv"));
    assertArrayEquals(new String[] {"output", "index", "dim1", "label1", "value", "sd", "unit"}, rows.get(0));
    assertEquals(11, rows.size(), "yhat only: ten elements");
    assertArrayEquals(new String[] {"yhat", "3", "i", "3"}, java.util.Arrays.copyOf(rows.get(4), 4));
    assertEquals(report.outputs().get(0).value()[3], num(rows.get(4)[4]), 0);
  }

  @Test
  void correlationCsv_isSymmetricWithUnitDiagonal(@TempDir Path dir) throws IOException {
    ReportWriter.write(report, dir, false);
    List<String[]> rows = read(dir.resolve("correlation.csv"));
    assertEquals(6, rows.size());
    for (int i = 1; i <= 5; i++) {
      assertEquals(1.0, num(rows.get(i)[i]), 0);
      for (int j = 1; j <= 5; j++) {
        assertEquals(num(rows.get(i)[j]), num(rows.get(j)[i]), 1e-15);
        assertTrue(Math.abs(num(rows.get(i)[j])) <= 1 + 1e-12);
      }
    }
  }

  @Test
  void iterationsCsv_hasOneRowPerIteration(@TempDir Path dir) throws IOException {
    ReportWriter.write(report, dir, false);
    List<String[]> rows = read(dir.resolve("iterations.csv"));
    assertEquals(fit.iterations().size() + 1, rows.size());
    assertEquals("lbfgs", rows.get(1)[0]);
    assertEquals("0", rows.get(1)[1]);
  }

  @Test
  void plots_areValidPngs(@TempDir Path dir) throws IOException {
    ReportWriter.write(report, dir, true);
    for (String name : List.of("observation_1_y_i.png", "parameter_sd.png", "correlation.png")) {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(name))));
      assertNotNull(img, name);
      assertTrue(img.getWidth() >= 500 && img.getHeight() >= 400, name);
    }
  }

  @Test
  void writing_isDeterministic_andOverwrites(@TempDir Path dir) throws IOException {
    ReportWriter.write(report, dir.resolve("a"), true);
    ReportWriter.write(report, dir.resolve("b"), true);
    ReportWriter.write(report, dir.resolve("b"), true);
    for (String name : List.of("parameters.csv", "outputs.csv", "residuals.csv", "correlation.png")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(name)), Files.readAllBytes(dir.resolve("b").resolve(name)), name);
    }
  }

  @Test
  void summary_listsEveryParameterAndTheStatus() {
    String s = SummaryTable.format(report);
    assertTrue(s.startsWith("Fit of mixed (lbfgs+newton): CONVERGED\n"), s);
    for (String name : List.of("a", "k", "f", "c", "d")) {
      assertTrue(s.lines().anyMatch(l -> l.startsWith("  " + name + " ")), name + "\n" + s);
    }
    assertTrue(s.lines().filter(l -> l.matches("  \\w+ +flat .*")).count() == 2, s);
  }

  @Test
  void csvCells_withCommasOrQuotes_areQuoted() {
    String text = new Csv().row("a,b", "say \"hi\"", 1.5, Double.NaN, Double.NEGATIVE_INFINITY, null).toString();
    assertEquals("\"a,b\",\"say \"\"hi\"\"\",1.5,NA,-Inf,\n", text);
  }

  @Test
  void aDenseSeries_isDrawnAsAnEnvelope_thatCoversThePlotFromEndToEnd(@TempDir Path dir) throws IOException {
    // 5,000 observations over 800 pixel columns: the model is drawn as its per-column envelope
    int n = 5000;
    double[] y = new double[n];
    double[] sd = new double[n];
    java.util.Random random = new java.util.Random(4);
    for (int i = 0; i < n; i++) {
      y[i] = 2 + 3e-3 * i + 0.5 * Math.sin(i / 7.0) + 0.2 * random.nextGaussian();
      sd[i] = 0.2;
    }
    AnalyticModel m = AnalyticModel.builder("dense").flat("a", 0).flat("b", 0).observations(y, sd).formula(p -> {
      org.phloem.runtime.fit.Dual2[] out = new org.phloem.runtime.fit.Dual2[n];
      for (int i = 0; i < n; i++) {
        out[i] = p[0].plus(p[1].times(i));
      }
      return out;
    });
    FitReport dense = FitReport.analyze(m, Fitter.fit(m, FitOptions.defaults()));
    ReportWriter.write(dense, dir, true);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("observation_1_y_i.png"))));
    // the model's colour (20, 60, 120): one unbroken run of columns across the plot area (the plot area is
    // about 490 of the 900 px; the legend on the right has a swatch of the colour too, apart from the run)
    int longest = 0;
    int start = -1;
    int run = 0;
    for (int x = 0; x < img.getWidth(); x++) {
      boolean model = false;
      for (int yy = 0; yy < img.getHeight() && !model; yy++) {
        int rgb = img.getRGB(x, yy) & 0xFFFFFF;
        model = Math.abs((rgb >> 16) - 20) <= 12 && Math.abs(((rgb >> 8) & 0xFF) - 60) <= 12 && Math.abs((rgb & 0xFF) - 120) <= 12;
      }
      run = model ? run + 1 : 0;
      if (run > longest) {
        longest = run;
        start = x - run + 1;
      }
    }
    assertTrue(longest > 400 && start < 150, "the model drawn without gaps across the plot: " + longest + " columns from " + start);
  }
}
