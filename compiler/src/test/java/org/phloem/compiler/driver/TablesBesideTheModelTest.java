package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose tables lie beside it, run against another data root: the data problems say where the
 * tables are and which option reads them, and nothing is read from the model's folder unasked.
 */
class TablesBesideTheModelTest {
  @TempDir Path dir;

  private Path model(String dataLines) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(folder.resolve("points.csv"), "x,y\n1,2\n2,4\n3,6.1\n");
    Path model = folder.resolve("line.phl");
    Files.writeString(model, "model line\n" + dataLines + "dim obs\ninput x[obs]\ninput y[obs]\nparam a = 1 sd 10\n"
        + "output f[obs]\nfor i in obs {\n  f[i] = a * x[i]\n}\nobserve f[i] ~ normal(y[i], 0.1) for i in obs\n");
    return model;
  }

  private Path emptyRoot() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.writeString(root.resolve("SOURCES.md"), "# no tables\n");
    return root;
  }

  @Test
  void aTableBesideTheModel_isNamed_withTheOptionThatReadsIt_andNotReadUnasked() throws Exception {
    Path model = model("data \"points.csv\"\n");
    Path root = emptyRoot();
    Cli.Run r = Cli.run("run", model.toString(), "--data", root.toString(), "--out", dir.resolve("out").toString());
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.err().contains("file not found"), r.all());
    Path folder = model.getParent().toAbsolutePath().normalize();
    assertTrue(r.err().contains("points.csv is in the model's folder " + folder + ", but tables are read from the data root "
        + root + ". Run with --data " + folder + " (or set PHLOEM_DATA) to read them from there. (declared at model line 2)"), r.all());
    assertFalse(Files.exists(dir.resolve("out").resolve("outputs.csv")), r.all());

    Cli.Run followed = Cli.run("run", model.toString(), "--data", folder.toString(), "--out", dir.resolve("out2").toString());
    assertEquals(0, followed.exit(), followed.all());
  }

  @Test
  void noHint_whenATableIsMissingBesideTheModelToo() throws Exception {
    Path model = model("data \"points.csv\"\ndata \"other.csv\"\n");
    Cli.Run r = Cli.run("run", model.toString(), "--data", emptyRoot().toString(), "--out", dir.resolve("out").toString());
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.err().contains("file not found"), r.all());
    assertFalse(r.err().contains("model's folder"), r.all());
  }

  @Test
  void noHint_forAPathThatLeavesTheModelsFolder() throws Exception {
    Path model = model("data \"../mine/points.csv\"\n");
    Cli.Run r = Cli.run("run", model.toString(), "--data", emptyRoot().toString(), "--out", dir.resolve("out").toString());
    assertEquals(1, r.exit(), r.all());
    assertFalse(r.err().contains("model's folder"), r.all());
  }
}
