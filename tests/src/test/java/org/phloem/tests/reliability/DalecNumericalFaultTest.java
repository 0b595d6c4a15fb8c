package org.phloem.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.diagnose.NumericalFaults;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ParamInfo;
import org.phloem.tests.support.Repo;

/**
 * The NaN diagnosis on the real DALEC model and its Metolius drivers: at the prior means every output
 * is finite; with an absurd litter mineralisation rate p8 the litter pool swings further each day
 * until the product p8 · cl · temp_rate overflows, and the diagnosis points at that line of the
 * included dalec_core.phl.
 */
class DalecNumericalFaultTest {
  @Test
  void atThePriorMeans_nothingIsReported() throws Exception {
    Path model = Repo.model("dalec/dalec.phl");
    Compilation c = Pipeline.compile(model, false);
    CompiledModel m = c.bind(Repo.dataRoot(model));
    assertEquals(Optional.empty(), NumericalFaults.diagnose(c, m, m.info().priorMeans()));
  }

  @Test
  void anAbsurdRate_isTracedToItsLineInTheIncludedFile() throws Exception {
    Path model = Repo.model("dalec/dalec.phl");
    Compilation c = Pipeline.compile(model, false);
    CompiledModel m = c.bind(Repo.dataRoot(model));
    double[] p = m.info().priorMeans();
    p[slot(m, "p8")] = 1e6; // litter mineralisation a million per day: cl overshoots, sign flipping each day

    String message = NumericalFaults.diagnose(c, m, p).orElseThrow();
    int line = lineOf(model.resolveSibling("dalec_core.phl"), "let resp_lit = ");
    assertTrue(message.contains("dalec_core.phl, line " + line + ": 'resp_lit' became "), message);
    assertTrue(message.contains("p8 * cl * temp_rate with "), message);
    assertTrue(message.contains("let resp_lit = p8 * cl * temp_rate"), message);
    assertTrue(message.contains("overflow"), message);
  }

  private static int slot(CompiledModel m, String name) {
    for (ParamInfo p : m.info().params()) {
      if (p.name().equals(name)) {
        return p.offset();
      }
    }
    throw new AssertionError("no parameter " + name);
  }

  private static int lineOf(Path file, String text) throws Exception {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }
}
