package org.phloem.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dim named like a column that is data (a day of the month), not the rows' index: one message that
 * says so and suggests the rename, instead of one "second row" line per repeated row and input.
 */
class DimNamedLikeAColumnTest {
  @TempDir Path root;

  @Test
  void repeatedValuesOfTheDimColumnGiveOneMessageWithTheRename() {
    TestData.write(root, "d.csv", "month,day,tair,gpp\n1,1,-3,0\n1,2,-4,0\n2,1,-5,1\n2,2,-6,1\n3,1,0,2\n");
    DataException e = assertThrows(DataException.class, () -> DataBinder.bind(root,
        List.of(new TableSpec("d", "d.csv", 1)), List.of(TestData.dim("day")),
        List.of(new InputSpec("tair", List.of("day"), "d", "tair", false, 3),
            new InputSpec("gpp", List.of("day"), "d", "gpp", false, 4))));
    assertEquals(1, e.problems().size(), e.getMessage());
    DataProblem p = e.problems().get(0);
    assertEquals(4, p.row()); // the first row that repeats day=1 (of line 2)
    assertTrue(p.message().contains("2 distinct values in 5 rows") && p.message().contains("3 row(s) fall on")
        && p.message().contains("repeats day='1' of line 2, with tair -5.0 vs -3.0")
        && p.message().contains("rename the dim"), p.describe());
  }

  @Test
  void aColumnThatDoesIndexTheRowsStillLabelsTheDim() throws DataException {
    TestData.write(root, "d.csv", "day,tair\n3,30\n1,10\n2,20\n");
    BoundData b = DataBinder.bind(root, List.of(new TableSpec("d", "d.csv", 1)), List.of(TestData.dim("day")),
        List.of(TestData.input("tair", "day")));
    assertEquals(List.of("1", "2", "3"), b.dimLabels().get("day"));
    assertArrayEquals(new double[] {10, 20, 30}, b.inputs().get("tair"));
  }
}
