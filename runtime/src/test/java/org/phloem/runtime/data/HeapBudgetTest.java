package org.phloem.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table too large for the heap is refused before it is read, with the file, the heap and how to raise it. */
class HeapBudgetTest {
  @TempDir Path root;

  private Path table(int rows) {
    StringBuilder s = new StringBuilder("x,y\n");
    for (int i = 0; i < rows; i++) {
      s.append(i).append(".25,").append(i % 7).append('\n');
    }
    return TestData.write(root, "big/t.csv", s.toString());
  }

  @Test
  void theRowCountIsEstimatedFromTheFileSize() throws Exception {
    long estimate = HeapBudget.estimatedRows(table(50_000));
    // the first lines are shorter than the last (row numbers grow), so the estimate is a little high
    assertTrue(estimate >= 50_000 && estimate < 57_500, "estimate " + estimate);
  }

  @Test
  void aTableLargerThanTheFreeHeapIsRefusedBeforeReading() {
    Path file = table(20_000);
    CsvTable t = CsvTable.open(file, file.toString(), new ProblemLog(), 3);
    ProblemLog log = new ProblemLog();
    Map<String, Integer> columns = new LinkedHashMap<>();
    columns.put("x", 5);
    columns.put("y", 6);
    t.load(columns, Map.of(), Long.MAX_VALUE, 100_000, log);
    assertTrue(t.tooLarge);
    assertEquals(0, t.rows(), "nothing read");
    DataException e = assertThrows(DataException.class, log::throwIfAny);
    DataProblem p = e.problems().get(0);
    assertEquals(file.toString(), p.file());
    assertEquals(5, p.modelLine());
    assertTrue(p.message().contains("too large for the Java heap") && p.message().contains(" rows, needs about ")
        && p.message().contains("PHLOEM_JAVA_OPTS") && p.message().contains("-Xmx"), p.message());
  }

  @Test
  void aTableThatFitsIsReadAndTheEstimateIsNoObstacle() throws Exception {
    table(1_000);
    BoundData d = DataBinder.bind(root, List.of(new TableSpec("t", "big/t.csv", 1)), List.of(TestData.dim("row")),
        List.of(TestData.input("x", "row")));
    assertEquals(1_000, (int) d.dimSizes().get("row"));
    assertNull(HeapBudget.refusal("f", 1 << 20, 1_000_000, 2, 1, 1L << 30, 1L << 30));
  }
}
