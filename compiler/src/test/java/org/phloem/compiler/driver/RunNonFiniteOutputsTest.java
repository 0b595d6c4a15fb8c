package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code phloem run} on non-finite results: a NaN output with a finite cost (a site with no data, 0/0)
 * is explained as a note and written blank, as a fit writes it; a NaN cost or an infinite output is
 * explained and nothing is written.
 */
class RunNonFiniteOutputsTest {
  @TempDir Path dir;

  /** Three sites; site c has no measurement (count 0, total 0), so its average is 0 / 0. */
  private Path model(String more) throws Exception {
    Files.writeString(dir.resolve("sites.csv"), "site,total,n\na,4,2\nb,2,1\nc,0,0\n");
    Path model = dir.resolve("avg.phl");
    Files.writeString(model, "model avg\ndata \"sites.csv\"\ndim site\ninput total[site]\ninput n[site]\n"
        + "param k = 1 sd 1\noutput avg[site]\nfor s in site {\n  avg[s] = k * total[s] / n[s]\n}\n" + more);
    return model;
  }

  @Test
  void aNaNOutputWithAFiniteCost_isWrittenBlank_withTheExplanationAsANote() throws Exception {
    Path model = model("");
    Cli.Run r = Cli.run("run", model.toString(), "--data", dir.toString(), "--out", dir.resolve("out").toString());
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.err().contains("note: Output 'avg' is NaN at element 2"), r.all());
    assertTrue(r.err().contains("0 / 0 = NaN"), r.all());
    assertTrue(r.err().contains("NaN output elements (1 in all) are written blank"), r.all());
    List<String> rows = Files.readAllLines(dir.resolve("out/outputs_site.csv"));
    assertEquals(List.of("site,avg", "a,2.0", "b,2.0", "c,"), rows);
  }

  @Test
  void aNaNCost_isExplained_andNothingIsWritten() throws Exception {
    Path model = model("output y\ny = sum(s in site) avg[s]\nobserve y ~ normal(4, 1)\n");
    Cli.Run r = Cli.run("run", model.toString(), "--data", dir.toString(), "--out", dir.resolve("out").toString());
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.err().contains("The observation cost is NaN"), r.all());
    assertTrue(r.err().contains("No output files were written."), r.all());
    assertFalse(Files.exists(dir.resolve("out/outputs_site.csv")), r.all());
  }

  @Test
  void anInfiniteOutput_isExplained_andNothingIsWritten() throws Exception {
    Path model = model("output big[site]\nfor s in site {\n  big[s] = k * total[s] / (n[s] - n[s])\n}\n");
    Cli.Run r = Cli.run("run", model.toString(), "--data", dir.toString(), "--out", dir.resolve("out").toString());
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.err().contains("No output files were written."), r.all());
    assertFalse(Files.exists(dir.resolve("out/outputs_site.csv")), r.all());
  }
}
