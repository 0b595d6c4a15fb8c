package org.phloem.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the data root is found, in order: --data, PHLOEM_DATA, phloem.data, a shared/data/tidy found upward. */
class DataRootTest {
  @TempDir Path work;
  Path data;
  Path tidy;
  Path model;

  @BeforeEach
  void layout() throws IOException {
    data = Files.createDirectories(work.resolve("shared/data"));
    tidy = Files.createDirectories(data.resolve("tidy"));
    model = Files.createDirectories(work.resolve("main/models/dalec")).resolve("dalec.phl");
  }

  @Test
  void explicitWinsAndADataFolderStandsForItsTidyChild() throws Exception {
    Path other = Files.createDirectories(work.resolve("elsewhere"));
    assertEquals(tidy, DataRoot.locate(data, model, other.toString(), other.toString(), work).path());
    assertEquals(other, DataRoot.locate(other, model, null, null, work).path());
    assertEquals(tidy, DataRoot.locate(tidy, null, null, null, null).path());
  }

  @Test
  void environmentBeforePropertyBeforeSearch() throws Exception {
    Path env = Files.createDirectories(work.resolve("env"));
    Path prop = Files.createDirectories(work.resolve("prop"));
    DataRoot r = DataRoot.locate(null, model, env.toString(), prop.toString(), work);
    assertEquals(env, r.path());
    assertTrue(r.source().contains("PHLOEM_DATA"));
    assertEquals(prop, DataRoot.locate(null, model, null, prop.toString(), work).path());
  }

  @Test
  void searchesUpwardFromTheModelsFolderThenTheWorkingDirectory() throws Exception {
    Path unrelated = Files.createDirectories(work.resolve("x/y"));
    assertEquals(tidy, DataRoot.locate(null, model, null, null, Path.of("/")).path());
    assertEquals(tidy, DataRoot.locate(null, null, null, null, unrelated).path());
  }

  @Test
  void nothingFoundSaysWhereItLookedAndHowToSetIt() throws Exception {
    Path lonely = Files.createDirectories(work.resolve("a/b"));
    Files.delete(tidy);
    DataException e = assertThrows(DataException.class, () -> DataRoot.locate(null, lonely.resolve("m.phl"),
        null, null, lonely));
    String m = e.getMessage();
    assertTrue(m.contains(lonely.resolve("shared/data/tidy").toString()), m);
    assertTrue(m.contains(work.resolve("shared/data/tidy").toString()), m);
    assertTrue(m.contains("--data") && m.contains("PHLOEM_DATA") && m.contains("-Dphloem.data"), m);
  }

  @Test
  void aNamedFolderThatDoesNotExistIsAnErrorNotASilentFallback() {
    DataException e = assertThrows(DataException.class, () -> DataRoot.locate(null, model,
        work.resolve("nope").toString(), null, work));
    assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("does not exist")
        && e.getMessage().contains("PHLOEM_DATA"), e.getMessage());
  }

  @Test
  void theBundledDataIsFoundFromARealModelPath() throws Exception {
    Path shared = TestData.tidyRoot().getParent().getParent();
    Path modelFile = shared.getParent().resolve("main/models/dalec/dalec.phl");
    assertEquals(TestData.tidyRoot().toAbsolutePath().normalize(),
        DataRoot.locate(null, modelFile, null, null, null).path());
  }
}
