package org.phloem.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.diag.Diagnostic;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.data.DataException;

/**
 * A model's {@code data} path cannot read a file outside the data folder, whatever it says: an absolute
 * path, {@code ..} (alone or after a folder), a symbolic link to a file outside, a linked folder. Each
 * route is refused with the model line of the {@code data} declaration, and nothing of the secret file
 * beside the data folder ever shows in the message. A table inside the folder is still read.
 */
class DataPathContainmentTest {
  /** The header of the secret file: a message quoting the columns of a table it read would show it. */
  private static final String SECRET = "leaked_secret_column";

  @TempDir
  Path dir;
  private Path root;
  private Path secret;

  @BeforeEach
  void layOut() throws IOException {
    root = Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(root.resolve("site"));
    Files.writeString(root.resolve("site/x.csv"), "x\n1\n2\n");
    secret = dir.resolve("secret.csv");
    Files.writeString(secret, SECRET + "\n1\n");
  }

  @Test
  void aTableInsideTheFolder_isRead() throws Exception {
    Compilation c = Pipeline.compile(model("site/x.csv"), false);
    assertEquals(2, c.bind(root).info().dims().get(0).size());
  }

  @Test
  void aFolderThenDotDotThatStaysInside_isRead() throws Exception {
    Compilation c = Pipeline.compile(model("site/../site/x.csv"), false);
    c.bind(root);
  }

  @Test
  void anAbsolutePath_isRefusedWhereItIsWritten() {
    assertRefusedAtCompileTime(secret.toAbsolutePath().toString());
  }

  @Test
  void dotDot_isRefusedWhereItIsWritten() {
    assertRefusedAtCompileTime("../secret.csv");
  }

  @Test
  void dotDotAfterAFolder_isRefusedWhereItIsWritten() {
    assertRefusedAtCompileTime("site/../../secret.csv");
  }

  @Test
  void aSymlinkToAFileOutside_isRefusedWhenTheDataAreRead() throws Exception {
    link(root.resolve("site/innocent.csv"), secret);
    assertRefusedWhenBound("site/innocent.csv");
  }

  @Test
  void aSymlinkedFolderPointingOutside_isRefusedWhenTheDataAreRead() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Files.copy(secret, outside.resolve("more.csv"));
    link(root.resolve("shared"), outside);
    assertRefusedWhenBound("shared/more.csv");
  }

  @Test
  void aFolderGivenAsATable_saysItIsAFolder() throws Exception {
    Compilation c = Pipeline.compile(model("site"), false);
    DataException e = assertThrows(DataException.class, () -> c.bind(root));
    assertTrue(e.getMessage().contains("folder, not a table"), e.getMessage());
  }

  private void assertRefusedAtCompileTime(String path) {
    CompileException e = assertThrows(CompileException.class, () -> Pipeline.compile(model(path), false));
    Diagnostic d = e.diagnostics().get(0);
    assertEquals(ErrorKind.DATA_PATH_REFUSED, d.kind(), e.getMessage());
    assertEquals(2, d.span().startLine(), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
  }

  private void assertRefusedWhenBound(String path) throws Exception {
    Compilation c = Pipeline.compile(model(path), false);
    DataException e = assertThrows(DataException.class, () -> c.bind(root));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals(2, e.problems().get(0).modelLine(), e.getMessage());
    assertTrue(e.getMessage().contains("refused") && e.getMessage().contains("symbolic link"), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET), "the secret's text leaked into the message:\n" + e.getMessage());
  }

  private Path model(String dataPath) throws IOException {
    Path model = dir.resolve("m.phl");
    Files.writeString(model, "model contained \"data stay inside\"\n"
        + "data t = \"" + dataPath + "\"\n"
        + "dim i\n"
        + "input x[i] = t.x\n"
        + "output y[i]\n"
        + "for k in i { y[k] = 2 * x[k] }\n");
    return model;
  }

  private static void link(Path link, Path target) {
    try {
      Files.createSymbolicLink(link, target);
    } catch (IOException | UnsupportedOperationException e) {
      assumeTrue(false, "symbolic links are not available here: " + e);
    }
  }
}
