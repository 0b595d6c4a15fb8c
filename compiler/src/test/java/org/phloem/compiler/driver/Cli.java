package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.data.DataRoot;

/** Runs the command line in-process with stdout and stderr captured, and the test models of the driver tests. */
final class Cli {
  private Cli() {}

  /** What one command printed and returned. */
  record Run(int exit, String out, String err) {
    /** Both streams, for assertion messages. */
    String all() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** Runs {@code phloem args...}; fails the test if anything printed looks like a Java stack trace. */
  static synchronized Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      exit = Main.execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    Run r = new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    assertFalse(r.all().contains("\tat org.") || r.all().contains("Exception:"), "no stack trace: " + r.all());
    return r;
  }

  /** Code that runs with stdout and stderr captured, and may read what has been printed so far. */
  interface Printing {
    void run(java.util.function.Supplier<String> printedSoFar) throws Exception;
  }

  /** Runs {@code body} with stdout and stderr captured together; returns all it printed. */
  static String printed(Printing body) throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(both);
    System.setErr(both);
    try {
      body.run(() -> captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** The data root: the repository's data/ folder (surefire sets phloem.data to it and clears PHLOEM_DATA). */
  static Path data() {
    try {
      return DataRoot.locate(null, null).path();
    } catch (Exception e) {
      throw new IllegalStateException("no data root for the driver tests (run them with Maven from the checkout)", e);
    }
  }

  /** NIST StRD Misra1a, y = b1 (1 − exp(−b2 x)) with sd 1, started at NIST's first start (500, 1e-4), written into {@code dir}. */
  static Path misra1a(Path dir) throws IOException {
    return write(dir, "misra1a.phl", """
        model misra1a "NIST StRD Misra1a"
        data "nist/Misra1a.csv"
        dim obs
        input x[obs]
        input y[obs]
        param b1 = 500
        param b2 = 1e-4
        output yhat[obs]
        for i in obs {
          yhat[i] = b1 * (1 - exp(-b2 * x[i]))
        }
        observe yhat[i] ~ normal(y[i], 1) for i in obs
        """);
  }

  /** Writes {@code text} to {@code dir/name}. */
  static Path write(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  /** The rows of a CSV file as cells (no quoting needed for the files tested). */
  static List<String[]> csv(Path file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        rows.add(line.split(",", -1));
      }
    }
    return rows;
  }

  /** The value in column {@code column} of the row whose first cell is {@code name}. */
  static double cell(List<String[]> rows, String name, String column) {
    int c = java.util.Arrays.asList(rows.get(0)).indexOf(column);
    for (String[] row : rows) {
      if (row[0].equals(name)) {
        return Double.parseDouble(row[c]);
      }
    }
    throw new AssertionError("no row " + name);
  }
}
