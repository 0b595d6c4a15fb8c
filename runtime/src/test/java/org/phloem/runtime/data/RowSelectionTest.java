package org.phloem.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data t = "..." where COND}: the model sees only the selected rows, and is sized by them. */
class RowSelectionTest {
  @TempDir Path root;

  /** year >= 2001 && year <= 2002. */
  private static final RowCondition MIDDLE_YEARS = new RowCondition.Binary("&&",
      new RowCondition.Binary(">=", new RowCondition.Column("year"), new RowCondition.Number(2001, "2001")),
      new RowCondition.Binary("<=", new RowCondition.Column("year"), new RowCondition.Number(2002, "2002")));

  @BeforeEach
  void table() {
    TestData.write(root, "t.csv", "year,site,x\n2000,a,1\n2001,a,2\n2001,b,3\n2002,c,4\n,d,5\n2003,e,6\n");
  }

  private BoundData bind(RowCondition where, List<DimSpec> dims, InputSpec... inputs) throws DataException {
    return DataBinder.bind(root, List.of(new TableSpec("t", "t.csv", 2, null, where)), dims, List.of(inputs));
  }

  @Test
  void aDimSizedByRowsCountsOnlyTheSelectedRows() throws DataException {
    BoundData b = bind(MIDDLE_YEARS, List.of(TestData.dim("row")), TestData.input("x", "row"));
    assertEquals(3, b.dimSizes().get("row"));
    assertArrayEquals(new double[] {2, 3, 4}, b.inputs().get("x"));
  }

  @Test
  void aFixedDimMatchesTheSelectedRows() throws DataException {
    BoundData b = bind(MIDDLE_YEARS, List.of(new DimSpec("row", 3, 1)), TestData.input("x", "row"));
    assertArrayEquals(new double[] {2, 3, 4}, b.inputs().get("x"));
  }

  @Test
  void labelsOfDroppedRowsAreForgotten() throws DataException {
    BoundData b = bind(MIDDLE_YEARS, List.of(TestData.dim("site")), TestData.input("x", "site"));
    assertEquals(List.of("a", "b", "c"), b.dimLabels().get("site"));
  }

  @Test
  void aBlankValueNeverSatisfiesAComparison() throws DataException {
    RowCondition notBefore2001 = new RowCondition.Unary("!",
        new RowCondition.Binary("<", new RowCondition.Column("year"), new RowCondition.Number(2001, "2001")));
    BoundData b = bind(notBefore2001, List.of(TestData.dim("row")), TestData.input("x", "row"));
    // !(blank < 2001) holds: the comparison with a blank is false, and its negation true.
    assertArrayEquals(new double[] {2, 3, 4, 5, 6}, b.inputs().get("x"));
    RowCondition after2000 = new RowCondition.Binary(">", new RowCondition.Column("year"),
        new RowCondition.Number(2000, "2000"));
    assertArrayEquals(new double[] {2, 3, 4, 6}, bind(after2000, List.of(TestData.dim("row")),
        TestData.input("x", "row")).inputs().get("x"));
  }

  @Test
  void problemsInSelectedRowsGiveTheirLineInTheFile() {
    TestData.write(root, "t.csv", "year,x\n2000,1\n2001,\n2002,3\n");
    DataException e = assertThrows(DataException.class,
        () -> bind(MIDDLE_YEARS, List.of(TestData.dim("row")), TestData.input("x", "row")));
    assertEquals(3, e.problems().get(0).row(), e.getMessage());
  }

  @Test
  void anUnknownColumnInTheConditionSuggestsTheNearest() {
    RowCondition typo = new RowCondition.Binary(">", new RowCondition.Column("yeer"),
        new RowCondition.Number(2000, "2000"));
    DataException e = assertThrows(DataException.class,
        () -> bind(typo, List.of(TestData.dim("row")), TestData.input("x", "row")));
    assertEquals(1, e.problems().size(), e.getMessage());
    DataProblem p = e.problems().get(0);
    assertTrue(p.message().contains("reads column 'yeer'") && p.message().contains("Did you mean 'year'?"),
        p.describe());
    assertEquals(2, p.modelLine());
  }

  @Test
  void aConditionThatSelectsNothingSaysSo() {
    RowCondition never = new RowCondition.Binary(">", new RowCondition.Column("year"),
        new RowCondition.Number(3000, "3000"));
    DataException e = assertThrows(DataException.class,
        () -> bind(never, List.of(TestData.dim("row")), TestData.input("x", "row")));
    assertTrue(e.getMessage().contains("holds on none of its 6 data rows"), e.getMessage());
  }

  @Test
  void twoDeclarationsOfOneFileWithDifferentConditionsAreTwoTables() throws DataException {
    RowCondition early = new RowCondition.Binary("<", new RowCondition.Column("year"),
        new RowCondition.Number(2001, "2001"));
    BoundData b = DataBinder.bind(root, List.of(new TableSpec("mid", "t.csv", 1, null, MIDDLE_YEARS),
        new TableSpec("early", "t.csv", 2, null, early)), List.of(TestData.dim("r1"), TestData.dim("r2")),
        List.of(new InputSpec("x1", List.of("r1"), "mid", "x", false, 3),
            new InputSpec("x2", List.of("r2"), "early", "x", false, 4)));
    assertArrayEquals(new double[] {2, 3, 4}, b.inputs().get("x1"));
    assertArrayEquals(new double[] {1}, b.inputs().get("x2"));
  }
}
