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

/**
 * Where the data root is found, in order: --data, PHLOEM_DATA, phloem.data, a checkout's data/ (marked by
 * its SOURCES.md) found upward from the model then the working directory, the data/ of phloem.repo.
 */
class DataRootTest {
  @TempDir Path work;
  Path checkout;
  Path data;
  Path model;

  @BeforeEach
  void layout() throws IOException {
    checkout = Files.createDirectories(work.resolve("phloem"));
    data = Files.createDirectories(checkout.resolve("data"));
    Files.writeString(data.resolve("SOURCES.md"), "# sources\n");
    model = Files.createDirectories(checkout.resolve("models/dalec")).resolve("dalec.phl");
  }

  @Test
  void explicitWinsAndAFolderHoldingTidyStandsForIt() throws Exception {
    Path other = Files.createDirectories(work.resolve("elsewhere"));
    Path shared = Files.createDirectories(work.resolve("shared/data"));
    Path tidy = Files.createDirectories(shared.resolve("tidy"));
    assertEquals(tidy, DataRoot.locate(shared, model, other.toString(), other.toString(), work, null).path());
    assertEquals(other, DataRoot.locate(other, model, null, null, work, null).path());
    assertEquals(tidy, DataRoot.locate(tidy, null, null, null, null, null).path());
  }

  @Test
  void environmentBeforePropertyBeforeSearch() throws Exception {
    Path env = Files.createDirectories(work.resolve("env"));
    Path prop = Files.createDirectories(work.resolve("prop"));
    DataRoot r = DataRoot.locate(null, model, env.toString(), prop.toString(), work, null);
    assertEquals(env, r.path());
    assertTrue(r.source().contains("PHLOEM_DATA"));
    assertEquals(prop, DataRoot.locate(null, model, null, prop.toString(), work, null).path());
  }

  @Test
  void theCheckoutsDataFolderIsFoundUpwardFromTheModelThenTheWorkingDirectory() throws Exception {
    Path unrelated = Files.createDirectories(work.resolve("x/y"));
    assertEquals(data, DataRoot.locate(null, model, null, null, Path.of("/"), null).path());
    Path inside = Files.createDirectories(checkout.resolve("docs/deep"));
    assertEquals(data, DataRoot.locate(null, null, null, null, inside, null).path());
    assertEquals(data, DataRoot.locate(null, unrelated.resolve("m.phl"), null, null, checkout, null).path());
  }

  @Test
  void aFolderMerelyNamedDataIsNotTakenForTheDataRoot() throws Exception {
    Path own = Files.createDirectories(checkout.resolve("models/sdbm/data"));
    Files.writeString(own.resolve("years.csv"), "year\n2000\n");
    Path sdbm = checkout.resolve("models/sdbm/sdbm.phl");
    assertEquals(data, DataRoot.locate(null, sdbm, null, null, null, null).path());
  }

  @Test
  void theLaunchersCheckoutIsTheLastResort() throws Exception {
    Path elsewhere = Files.createDirectories(work.resolve("user/project"));
    DataRoot r = DataRoot.locate(null, elsewhere.resolve("m.phl"), null, null, elsewhere, checkout.toString());
    assertEquals(data, r.path());
    assertTrue(r.source().contains("checkout"), r.source());
  }

  @Test
  void nothingFoundSaysWhereItLookedAndHowToSetIt() throws Exception {
    Path lonely = Files.createDirectories(work.resolve("a/b"));
    DataException e = assertThrows(DataException.class, () -> DataRoot.locate(null, lonely.resolve("m.phl"),
        null, null, lonely, work.resolve("nocheckout").toString()));
    String m = e.getMessage();
    assertTrue(m.contains(lonely.resolve("data").toString()), m);
    assertTrue(m.contains(work.resolve("data").toString()), m);
    assertTrue(m.contains(work.resolve("nocheckout/data").toString()), m);
    assertTrue(m.contains("--data") && m.contains("PHLOEM_DATA") && m.contains("-Dphloem.data"), m);
    assertTrue(!m.contains("shared"), "no mention of a folder beside the checkout: " + m);
  }

  @Test
  void aNamedFolderThatDoesNotExistIsAnErrorNotASilentFallback() {
    DataException e = assertThrows(DataException.class, () -> DataRoot.locate(null, model,
        work.resolve("nope").toString(), null, work, null));
    assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("does not exist")
        && e.getMessage().contains("PHLOEM_DATA"), e.getMessage());
  }

  @Test
  void theRepositorysOwnDataIsFoundFromARealModelPath() throws Exception {
    Path repo = RepositoryData.root();
    assertEquals(repo.resolve("data"),
        DataRoot.locate(null, repo.resolve("models/dalec/dalec.phl"), null, null, null, null).path());
    assertTrue(Files.isRegularFile(repo.resolve("data/dalec_oregon/drivers.csv")));
  }
}
