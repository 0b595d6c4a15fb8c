package org.phloem.tests.nist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NIST's certified values from the tidy tables under the data root: the test's independent
 * reference, published by NIST and never produced by Phloem.
 */
public final class NistReference {
  private NistReference() {}

  /** Every problem of {@code nist/problems.csv}, in that file's order, with its certified parameters. */
  public static List<NistProblem> load(Path dataRoot) {
    Map<String, List<NistProblem.Parameter>> params = new LinkedHashMap<>();
    for (String[] row : rows(dataRoot.resolve("nist/certified.csv"), "problem,parameter,start1,start2,certified_value,certified_sd")) {
      params.computeIfAbsent(row[0], k -> new ArrayList<>()).add(new NistProblem.Parameter(
          row[1], Double.parseDouble(row[2]), Double.parseDouble(row[3]), Double.parseDouble(row[4]),
          Double.parseDouble(row[5])));
    }
    List<NistProblem> problems = new ArrayList<>();
    for (String[] row : rows(dataRoot.resolve("nist/problems.csv"),
        "problem,difficulty,model,observations,parameters,residual_sum_of_squares,residual_sd,degrees_of_freedom")) {
      // The model formula (third column) is free text; read the numbers from the end of the row.
      int n = row.length;
      String name = row[0];
      List<NistProblem.Parameter> certified = params.get(name);
      if (certified == null || certified.size() != Integer.parseInt(row[n - 4])) {
        throw new IllegalStateException("certified.csv does not list the " + row[n - 4] + " parameters of " + name);
      }
      problems.add(new NistProblem(name, row[1], Integer.parseInt(row[n - 5]), Double.parseDouble(row[n - 3]), certified));
    }
    return problems;
  }

  private static List<String[]> rows(Path file, String expectedHeader) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (lines.isEmpty() || !lines.get(0).equals(expectedHeader)) {
      throw new IllegalStateException(file + ": expected the header " + expectedHeader);
    }
    List<String[]> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        out.add(line.split(",", -1));
      }
    }
    return out;
  }
}
