package org.phloem.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.phloem.compiler.driver.Pipeline;

/**
 * {@code include} cannot read a file outside the model's folder tree, whatever the path says: through
 * {@code ../}, an absolute path, a symbolic link to a file outside, or a linked folder. End to end,
 * through the whole pipeline, with a secret next to the model's folder whose text must never show.
 */
class IncludeContainmentTest {
  private static final String SECRET = "param leaked_secret = 1";

  @TempDir
  Path root;
  private Path project;
  private Path secret;

  @BeforeEach
  void layOut() throws IOException {
    project = Files.createDirectories(root.resolve("project"));
    Files.createDirectories(project.resolve("lib"));
    Files.writeString(project.resolve("lib/ok.phl"), "const inside = 1\n");
    secret = root.resolve("secret.phl");
    Files.writeString(secret, SECRET + "\n");
  }

  @Test
  void anIncludeInsideTheFolder_isRead() throws Exception {
    Path model = write("include \"lib/ok.phl\"\noutput y\ny = inside\n");
    Pipeline.compile(model, false); // compiles: the containment check does not refuse the legitimate
  }

  @Test
  void dotDot_isRefusedWhereItIsWritten() throws Exception {
    assertRefused(write("include \"../secret.phl\"\noutput y\n"), 2);
  }

  @Test
  void dotDotInTheMiddle_isRefused() throws Exception {
    assertRefused(write("include \"lib/../../secret.phl\"\noutput y\n"), 2);
  }

  @Test
  void anAbsolutePath_isRefused() throws Exception {
    assertRefused(write("include \"" + secret.toAbsolutePath() + "\"\noutput y\n"), 2);
  }

  @Test
  void aSymlinkToAFileOutside_isRefused() throws Exception {
    link(project.resolve("lib/innocent.phl"), secret);
    assertRefused(write("include \"lib/innocent.phl\"\noutput y\n"), 2);
  }

  @Test
  void aSymlinkedFolderPointingOutside_isRefused() throws Exception {
    Path outside = Files.createDirectories(root.resolve("elsewhere"));
    Files.writeString(outside.resolve("more.phl"), SECRET + "\n");
    link(project.resolve("shared"), outside);
    assertRefused(write("include \"shared/more.phl\"\noutput y\n"), 2);
  }

  /** A nested include is held to the main model's folder too, not to the folder of the file including it. */
  @Test
  void aNestedIncludeEscaping_isRefusedInTheIncludedFile() throws Exception {
    Files.writeString(project.resolve("lib/sneaky.phl"), "include \"../../secret.phl\"\n");
    Path model = write("include \"lib/sneaky.phl\"\noutput y\n");
    CompileException e = assertThrows(CompileException.class, () -> Pipeline.compile(model, false));
    Diagnostic d = e.diagnostics().get(0);
    assertEquals(ErrorKind.INCLUDE_ESCAPES_FOLDER, d.kind(), e.getMessage());
    assertEquals("sneaky.phl", d.span().file().displayPath().replaceAll(".*/", ""));
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
  }

  /** A marker file makes its folder the include root: a model in a sibling folder may include from it. */
  @Test
  void aSiblingFolder_isReadBelowAnIncludeRootMarker() throws Exception {
    Path library = Files.createDirectories(root.resolve("library"));
    Files.writeString(library.resolve("phloem-include-root"), "include root\n");
    Files.createDirectories(library.resolve("shared"));
    Files.writeString(library.resolve("shared/leaf.phl"), "const leaf = 2\n");
    Path model = Files.createDirectories(library.resolve("site")).resolve("main.phl");
    Files.writeString(model, "model sibling \"includes a sibling\"\ninclude \"../shared/leaf.phl\"\noutput y\ny = leaf\n");
    Pipeline.compile(model, false);
  }

  /** Below a marker, a path leaving the marked tree is still refused. */
  @Test
  void aPathLeavingTheMarkedTree_isRefused() throws Exception {
    Files.writeString(project.resolve("phloem-include-root"), "include root\n");
    Path inner = Files.createDirectories(project.resolve("inner")).resolve("main.phl");
    Files.writeString(inner, "model contained \"includes stay inside\"\ninclude \"../../secret.phl\"\noutput y\n");
    assertRefused(inner, 2);
  }

  private void assertRefused(Path model, int line) {
    CompileException e = assertThrows(CompileException.class, () -> Pipeline.compile(model, false));
    Diagnostic d = e.diagnostics().get(0);
    assertEquals(ErrorKind.INCLUDE_ESCAPES_FOLDER, d.kind(), e.getMessage());
    assertEquals(line, d.span().startLine(), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET), "the secret's text leaked into the message:\n" + e.getMessage());
  }

  private Path write(String body) throws IOException {
    Path model = project.resolve("main.phl");
    Files.writeString(model, "model contained \"includes stay inside\"\n" + body);
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
