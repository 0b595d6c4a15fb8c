package org.phloem.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.compiler.ir.IrPrinter;

/**
 * Which indices keep a run-time per-dim check ({@code within(...)} in the IR): only an inner index of a
 * multi-dim array that the loop bounds do not prove inside its dim, and a first index they do not prove
 * inside or one step outside (further out its flat offset could wrap around int into the array). A
 * proven index costs nothing.
 */
class IndexChecksTest {
  private static final String HEAD = "model m \"index checks\"\n"
      + "dim t = 5\n"
      + "dim u = 4\n"
      + "param a = 0.5 sd 1\n"
      + "var w[t, u]\n"
      + "var x[t]\n"
      + "output z[t, u]\n"
      + "for i in t, j in u { w[i, j] = a * j }\n"
      + "for i in t { x[i] = a }\n";
  private static final String TAIL = "observe z[i, j] ~ normal(1, 1) for i in t, j in u\n";

  @Test
  void loopIndicesOverTheirOwnDim_areNotChecked() throws Exception {
    assertEquals(0, checks("for i in t, j in u { z[i, j] = w[i, j] }\n"));
  }

  @Test
  void aShiftTheLoopRangeKeepsInside_isNotChecked() throws Exception {
    assertEquals(0, checks("for i in t { for j in 1..3 { z[i, j] = w[i, j - 1] } }\n"));
    assertEquals(0, checks("for i in t { for j in 0..size(u) - 2 { z[i, j] = w[i, j + 1] } }\n"));
    assertEquals(0, checks("for i in t { for j in 0..size(u) - 1 { z[i, j] = w[i, 3 - 0] } }\n"));
  }

  @Test
  void aShiftOnlyAnIfKeepsInside_isChecked() throws Exception {
    assertEquals(1, checks("for i in t, j in u { if j > 0 { z[i, j] = w[i, j - 1] } }\n"));
  }

  @Test
  void aShiftPastTheEnd_isChecked() throws Exception {
    assertEquals(1, checks("for i in t { for j in 0..3 { z[i, j] = w[i, j + 1] } }\n"));
    assertEquals(1, checks("for i in t { for j in 0..3 { z[i, j] = w[i, j - 1] } }\n"));
  }

  @Test
  void aRangeWiderThanTheDim_isChecked() throws Exception {
    assertEquals(2, checks("for i in t { for k in 0..4 { if k < 4 { z[i, k] = w[i, k] } } }\n")); // z and w
  }

  @Test
  void aConstantAgainstADimBoundFromTheData_isCheckedUnlessZero() throws Exception {
    String head = "model m \"index checks\"\n"
        + "data \"t.csv\"\n"
        + "dim row\n"
        + "dim u = 3\n"
        + "param a = 0.5 sd 1\n"
        + "var w[u, row]\n"
        + "output z[u]\n";
    assertEquals(0, checks(head, "for i in u { z[i] = w[i, 0] }\n", ""), "index 0 of a dim with no elements is the JVM's");
    assertEquals(1, checks(head, "for i in u { z[i] = w[i, 1] }\n", ""), "the data may give 'row' one element");
    assertEquals(1, checks(head, "for i in u { for r in 0..4 { z[i] = w[i, r] } }\n", ""));
  }

  @Test
  void oneDimArraysAndFirstIndicesOneStepOutside_areLeftToTheJvm() throws Exception {
    assertEquals(0, checks("for i in t, j in u { if i > 0 { z[i, j] = w[i - 1, j] + x[i - 1] } }\n"));
    assertEquals(0, checks("for i in t, j in u { if i < 3 { z[i, j] = w[i + 1, j] + x[i + 1] } }\n"));
  }

  @Test
  void firstIndicesFurtherOutside_areChecked_theirFlatOffsetCouldWrapAroundInt() throws Exception {
    assertEquals(1, checks("for i in t, j in u { if i > 1 { z[i, j] = w[i - 2, j] + x[i - 2] } }\n"));
    assertEquals(1, checks("for i in t, j in u { z[i, j] = w[2 * i, j] }\n"));
  }

  private static int checks(String statements) throws Exception {
    return checks(HEAD, statements, TAIL);
  }

  private static int checks(String head, String statements, String tail) throws Exception {
    String ir = IrPrinter.print(Pipeline.compile("m.phl", head + statements + tail, null, false).forward());
    Matcher m = Pattern.compile("within\\(").matcher(ir);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
