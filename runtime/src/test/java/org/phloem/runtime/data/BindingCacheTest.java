package org.phloem.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code phloem watch} binds the data again only when the declarations or the files changed. */
class BindingCacheTest {
  @TempDir Path root;

  private final BindingCache cache = new BindingCache();

  private BoundData bind(int line, String column) throws DataException {
    return cache.bind(root, List.of(new TableSpec("d", "d.csv", line)), List.of(new DimSpec("day", -1, line + 1)),
        List.of(new InputSpec("x", List.of("day"), "d", column, false, line + 2)), DataBinder.DEFAULT_MAX_ELEMENTS, UnitCheck.NONE);
  }

  @Test
  void sameDeclarationsAndFiles_giveTheSameBinding_evenWhenTheirLinesMoved() throws DataException {
    TestData.write(root, "d.csv", "day,x,y\n1,10,5\n2,20,6\n");
    BoundData first = bind(1, "x");
    assertFalse(cache.reused());
    assertSame(first, bind(1, "x"));
    assertTrue(cache.reused());
    assertSame(first, bind(7, "x")); // a comment added above the declarations
    assertTrue(cache.reused());
  }

  @Test
  void aChangedDeclaration_bindsAgain() throws DataException {
    TestData.write(root, "d.csv", "day,x,y\n1,10,5\n2,20,6\n");
    BoundData first = bind(1, "x");
    BoundData other = bind(1, "y");
    assertFalse(cache.reused());
    assertNotSame(first, other);
    assertArrayEquals(new double[] {5, 6}, other.inputs().get("x"));
  }

  @Test
  void aRewrittenDataFile_isReadAgain() throws Exception {
    Path file = TestData.write(root, "d.csv", "day,x\n1,10\n2,20\n");
    FileTime t = Files.getLastModifiedTime(file);
    bind(1, "x");
    // same size, later time: the cache cannot tell by size alone
    Files.writeString(file, "day,x\n1,11\n2,21\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(t.toMillis() + 2000));
    BoundData again = bind(1, "x");
    assertFalse(cache.reused());
    assertArrayEquals(new double[] {11, 21}, again.inputs().get("x"));
  }

  @Test
  void aFailedBinding_isNotKept() throws Exception {
    Path file = TestData.write(root, "d.csv", "day,x\n1,10\n2,oops\n");
    assertThrows(DataException.class, () -> bind(1, "x"));
    assertThrows(DataException.class, () -> bind(1, "x"));
    assertFalse(cache.reused());
    Files.writeString(file, "day,x\n1,10\n2,20\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 2000));
    assertArrayEquals(new double[] {10, 20}, bind(1, "x").inputs().get("x"));
  }
}
