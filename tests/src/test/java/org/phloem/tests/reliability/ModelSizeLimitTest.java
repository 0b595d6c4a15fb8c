package org.phloem.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.data.DataException;

/**
 * Sizes that would exhaust memory are refused with a clear message before anything of that size is
 * allocated: a fixed dim of two billion, two fixed dims whose product is huge, and dims sized by data
 * whose product is huge. (Without the checks these end in OutOfMemoryError or an internal error; with
 * them the test runs in well under a second and a few MB.)
 */
class ModelSizeLimitTest {
  @TempDir
  Path data;

  @Test
  void aFixedDimOfTwoBillion_isRefusedNamingTheDim() throws Exception {
    Compilation c = compile("dim n = 2000000000\nstate x[n] = 1\noutput y\nfor i in n { x[i] = x[i] + 1 }\n");
    DataException e = assertThrows(DataException.class, () -> c.bind(data));
    assertTrue(e.getMessage().contains("dim 'n'") && e.getMessage().contains("2000000000"), e.getMessage());
    assertTrue(e.getMessage().contains("model line 2"), e.getMessage());
  }

  /** 20,000 × 20,000 doubles is 3.2 GB in one array, though each dim alone is small. */
  @Test
  void twoFixedDimsWithAHugeProduct_areRefusedNamingTheArray() throws Exception {
    Compilation c = compile("dim a = 20000\ndim b = 20000\nvar grid[a, b]\noutput y\n"
        + "for i in a, j in b { grid[i, j] = 1 }\ny = grid[0, 0]\n");
    DataException e = assertThrows(DataException.class, () -> c.bind(data));
    assertTrue(e.getMessage().contains("'grid' over [a = 20000, b = 20000]"), e.getMessage());
    assertTrue(e.getMessage().contains("model line 4"), e.getMessage());
  }

  /** Past a Java array's reach (10^10 elements), where the int size would overflow. */
  @Test
  void aProductBeyondAnyJavaArray_isRefused() throws Exception {
    Compilation c = compile("dim a = 100000\ndim b = 100000\nstate s[a, b]\noutput y\ny = s[1, 1]\n");
    DataException e = assertThrows(DataException.class, () -> c.bind(data));
    assertTrue(e.getMessage().contains("10000000000"), e.getMessage());
  }

  /**
   * Two one-dimensional inputs of 30,000 rows each are small; a var over both dims is 9 × 10^8
   * values. The binder accepts the inputs; the size check must refuse the var.
   */
  @Test
  void dataSizedDimsWithAHugeProduct_areRefused() throws Exception {
    writeColumn("cells.csv", "cell", "area", 30_000);
    writeColumn("months.csv", "month", "light", 30_000);
    Compilation c = compile("data \"cells.csv\"\ndata \"months.csv\"\ndim cell\ndim month\n"
        + "input area[cell] = cells.area\ninput light[month] = months.light\n"
        + "var grown[cell, month]\noutput y\n"
        + "for c in cell, m in month { grown[c, m] = area[c] * light[m] }\ny = grown[0, 0]\n");
    DataException e = assertThrows(DataException.class, () -> c.bind(data));
    assertTrue(e.getMessage().contains("'grown' over [cell = 30000, month = 30000]"), e.getMessage());
  }

  private Compilation compile(String body) throws Exception {
    return Pipeline.compile("big.phl", "model big \"too big\"\n" + body, null, true);
  }

  private void writeColumn(String file, String dim, String column, int rows) throws IOException {
    try (Writer w = Files.newBufferedWriter(data.resolve(file))) {
      w.write(dim + "," + column + "\n");
      for (int i = 0; i < rows; i++) {
        w.write(i + ",1.5\n");
      }
    }
  }
}
