package org.phloem.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.tests.support.Repo;

/**
 * models/bethy/README.md, "NEE and GPP together": a plain {@code phloem fit} of {@code hyytiala_gpp.phl} from
 * its default start (the prior means) ends CONVERGED at the optimum the multi-start reports. A default L-BFGS
 * memory of one pair per parameter once made this start STALL with an unobserved Q10 carried to its bound.
 * About a minute of CPU: tagged long (run with -Plong).
 */
@Tag("long")
class BethyGppDefaultStartTest {

  @TempDir Path dir;

  @Test
  void defaultStart_convergesAtTheReadmesOptimum() throws Exception {
    Captured fit = Captured.run("fit", Repo.root().resolve("models/bethy/hyytiala_gpp.phl").toString(), "--no-plots", "--out",
        dir.resolve("out").toString());
    assertEquals(0, fit.exit(), fit.all());
    assertTrue(fit.out().contains("Fit of bethy_hyytiala_gpp (lbfgs+newton): CONVERGED"), fit.all());
    Matcher j = Pattern.compile("cost J = ([0-9.]+) ").matcher(fit.out());
    assertTrue(j.find(), fit.all());
    assertEquals(5512.309, Double.parseDouble(j.group(1)), 0.002, "the README's J");
  }
}
