package org.phloem.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.ModelInfo;
import org.phloem.tests.support.Repo;

/**
 * The modeller's commands on DALEC: the repository's forward model (no observations) is refused with a
 * message, and DALEC fitted to the Metolius NEE observations (a model written for the test beside a
 * copy of models/dalec/dalec_core.phl) is checked and fitted end to end.
 */
class DalecCommandsTest {
  @TempDir Path dir;

  @Test
  void forwardModelWithoutObservations_isCheckedOnItsOutputsAndRefusedByFit() throws Exception {
    Path model = Repo.model("dalec/dalec.phl");
    Captured check = Captured.run("check", model.toString());
    assertEquals(0, check.exit(), check.all());
    assertTrue(check.out().contains("observes nothing") && check.out().contains("PASS"), check.all());
    Captured fit = Captured.run("fit", model.toString());
    assertEquals(1, fit.exit(), fit.all());
    assertTrue(fit.err().contains("model dalec has no observe statement") && fit.err().contains("nothing to fit"), fit.all());
  }

  @Test
  void dalecFittedToMetoliusNee_checksAndConverges() throws Exception {
    Files.copy(Repo.model("dalec/dalec_core.phl"), dir.resolve("dalec_core.phl"));
    Path model = dir.resolve("oregon_nee.phl");
    Files.writeString(model, """
        model dalec_nee "DALEC evergreen at Metolius fitted to daily NEE"
        data "dalec_oregon/drivers.csv"
        data obs = "dalec_oregon/observations.csv"
        include "dalec_core.phl"
        input nee_obs[day] = obs.nee missing unit gC/m2/day
        observe nee[d] ~ normal(nee_obs[d], 0.5) for d in day
        """);
    Path data = Repo.dataRoot(Repo.model("dalec/dalec.phl"));
    ModelInfo info = Pipeline.compile(model, false).bind(data).info();

    Captured check = Captured.run("check", model.toString(), "--data", data.toString());
    List<String> rows = check.out().lines().filter(l -> l.matches("^  p\\d+ .*")).toList();
    assertEquals(10, rows.size(), check.all());
    assertTrue(check.out().lines().filter(l -> l.contains("tangent·adjoint")).noneMatch(l -> l.contains("FAIL")),
        "tangent and adjoint agree exactly:\n" + check.out());

    Path out = dir.resolve("fit");
    Captured fit = Captured.run("fit", model.toString(), "--data", data.toString(), "--out", out.toString(), "--no-plots");
    assertEquals(0, fit.exit(), fit.all());
    List<String> params = Files.readAllLines(out.resolve("parameters.csv"));
    assertEquals(11, params.size(), "header and ten parameters");
    int posterior = List.of(params.get(0).split(",")).indexOf("posterior");
    for (int i = 0; i < 10; i++) {
      double p = Double.parseDouble(params.get(i + 1).split(",")[posterior]);
      assertTrue(p > info.lowerBounds()[i] && p < info.upperBounds()[i], info.slotNames().get(i) + " = " + p + " inside its bounds");
    }
    long observed = Files.readAllLines(data.resolve("dalec_oregon/observations.csv")).stream().skip(1)
        .filter(l -> !l.split(",", -1)[3].isBlank()).count();
    assertEquals(observed + 1, Files.readAllLines(out.resolve("residuals.csv")).size(), "one residual per NEE observation");
    List<String> iterations = Files.readAllLines(out.resolve("iterations.csv"));
    String[] first = iterations.get(1).split(",");
    String[] last = iterations.get(iterations.size() - 1).split(",");
    assertTrue(Double.parseDouble(last[2]) < Double.parseDouble(first[2]), "the fit lowers the cost");
    assertTrue(Double.parseDouble(last[3]) < 1e-4 * Double.parseDouble(first[3]), "and ends where the gradient is ~0: "
        + first[3] + " -> " + last[3]);
    assertTrue(fit.out().contains("reduct.") && fit.out().contains("p10"), fit.out());
  }
}
