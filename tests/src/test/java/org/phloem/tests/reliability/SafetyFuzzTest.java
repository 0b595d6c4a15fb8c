package org.phloem.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Main;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.data.DataException;
import org.phloem.tests.support.Repo;

/**
 * The fuzz stages of issue 12 beyond mutated models (those are {@code PipelineFuzzTest} in the compiler
 * module): randomly corrupted data tables (CSV and NetCDF) under shipped models, randomly corrupted saved
 * fit states resumed with {@code fit --resume}, random data paths among symbolic links that lead in and
 * out of the data folder, and several fits started at once into one output folder. Every outcome must be
 * a result or a message with exit 1: never exit 3, never a Java stack trace, never a read outside the
 * data folder, never a fit's results silently lost or mixed with another's. The default suite runs a few
 * cases of each; {@code -Plong} runs thousands (counts printed at the end; /work/notes/safety2.md).
 */
class SafetyFuzzTest {
  private static final Path REPO = Repo.root();
  private static final Path DATA = REPO.resolve("data");
  private static final Map<String, Integer> COUNTS = new ConcurrentHashMap<>();
  private static Path work;

  @BeforeContainer
  static void setUp() throws IOException {
    work = Files.createTempDirectory("safety-fuzz");
    ThreadCapture.install();
  }

  @AfterContainer
  static void tearDown() throws IOException {
    ThreadCapture.uninstall();
    StringBuilder out = new StringBuilder("safety fuzz outcomes:\n");
    new java.util.TreeMap<>(COUNTS).forEach((k, n) -> out.append(String.format("  %-60s %8d%n", k, n)));
    System.out.println(out);
    deleteTree(work);
  }

  private static void count(String what) {
    COUNTS.merge(what, 1, Integer::sum);
  }

  // ------------------------------------------------------------------------------ corrupted tables

  /** Shipped models and the data files each reads (copied into a fresh data folder per case). */
  private static final Map<String, List<String>> TABLES = Map.of(
      "nist/misra1a.phl", List.of("nist/Misra1a.csv"),
      "dalec/oregon.phl", List.of("dalec_oregon/drivers.csv", "dalec_oregon/observations.csv"),
      "eastasia/network.phl", List.of("cardamom_fluxval/drivers_monthly.csv", "cardamom_fluxval/observations_monthly.csv",
          "fluxnet_monthly/validation_monthly.csv", "cardamom_fluxval/sites.csv", "eastasia/site_pft.csv"),
      "malta_fields/lapse_rate.phl", List.of("malta/transport2D_1990.nc", "malta/transport2D_1991.nc", "malta/transport2D_1992.nc"));
  private static final List<String> TABLE_MODELS = TABLES.keySet().stream().sorted().toList();
  private static final Map<String, Compilation> COMPILED = new ConcurrentHashMap<>();

  @Property(tries = 8)
  void corruptedTable_runsOrIsRefusedWithAMessage(@ForAll long seed) throws Exception {
    corruptedTable(seed);
  }

  @Property(tries = 600, afterFailure = net.jqwik.api.AfterFailureMode.RANDOM_SEED)
  @Tag("long")
  void longRun_corruptedTable_runsOrIsRefusedWithAMessage(@ForAll long seed) throws Exception {
    corruptedTable(seed);
  }

  /** Found by the long run (seed -2757160921): more distinct labels than a fixed dim's size gave exit 3. */
  @net.jqwik.api.Example
  void aTableWithMoreLabelsThanAFixedDim_isRefusedWithAMessage() throws Exception {
    Path root = Files.createDirectories(work.resolve("labels"));
    Files.writeString(root.resolve("t.csv"), "site,pft,cover\na,0,1\na,1,0\na,2,0\na,--1,0\n");
    Compilation c = Pipeline.compile("labels.phl", "model labels \"more labels than the dim\"\n"
        + "data \"t.csv\"\n"
        + "dim site\n"
        + "dim pft = 3\n"
        + "input cover[site, pft]\n"
        + "output y[site]\n"
        + "for s in site { y[s] = sum(k in pft) cover[s, k] }\n", root, false);
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> c.bind(root));
    StringWriter printed = new StringWriter();
    int exit = Main.report(e, new PrintWriter(printed));
    assertClean(exit, printed.toString(), "a fixed dim of 3 with 4 labels");
    assertEquals(1, exit, printed.toString());
    assertTrue(printed.toString().contains("dim 'pft' has 3 elements"), printed.toString());
  }

  private static void corruptedTable(long seed) throws Exception {
    Random random = new Random(seed);
    String model = TABLE_MODELS.get(random.nextInt(TABLE_MODELS.size()));
    Path root = Files.createDirectories(work.resolve("tables-" + Long.toHexString(seed)));
    try {
      for (String f : TABLES.get(model)) {
        Files.createDirectories(root.resolve(f).getParent());
        Files.copy(DATA.resolve(f), root.resolve(f));
      }
      List<String> files = TABLES.get(model);
      Path victim = root.resolve(files.get(random.nextInt(files.size())));
      String what = damageFile(victim, random);
      String context = "model " + model + ", " + root.relativize(victim) + ": " + what + " (seed " + seed + ")";
      String outcome;
      if (random.nextBoolean()) {
        ThreadCapture.Run run = ThreadCapture.run("run", REPO.resolve("models").resolve(model).toString(), "--data", root.toString(),
            "--out", root.resolve("out").toString());
        assertClean(run.exit(), run.printed(), context);
        outcome = run.exit() == 0 ? "ran" : "refused, exit 1";
      } else {
        outcome = costAndGradient(model, root, context);
      }
      count("tables: " + model + ": " + outcome);
    } finally {
      deleteTree(root);
    }
  }

  /** Damages {@code file}: its bytes, or (rarely) replaces it by a folder or a link to a device. */
  private static String damageFile(Path file, Random random) throws IOException {
    int kind = random.nextInt(20);
    if (kind == 0) {
      Files.delete(file);
      Files.createDirectories(file);
      return "replaced by a folder";
    }
    if (kind == 1) {
      Files.delete(file);
      Files.createSymbolicLink(file, Path.of("/dev/zero"));
      return "replaced by a link to /dev/zero";
    }
    Damage damage = new Damage(random);
    Files.write(file, damage.apply(Files.readAllBytes(file)));
    return String.join(", ", damage.applied());
  }

  /** Binds the model to {@code root} and runs cost and gradient at the prior means, as the fuzzer's run stage does. */
  private static String costAndGradient(String model, Path root, String context) throws Exception {
    Compilation c = COMPILED.computeIfAbsent(model, m -> {
      try {
        return Pipeline.compile(REPO.resolve("models").resolve(m), true);
      } catch (CompileException e) {
        throw new AssertionError(m + " does not compile", e);
      }
    });
    try {
      CompiledModel m = c.bind(root);
      double[] p = m.info().priorMeans();
      m.cost(p);
      m.gradient(p, new double[p.length]);
      return "bound and ran";
    } catch (Exception e) {
      StringWriter printed = new StringWriter();
      int exit = Main.report(e, new PrintWriter(printed));
      assertClean(exit, printed.toString(), context);
      assertEquals(1, exit, context);
      return e instanceof DataException ? "data refused" : "model error, exit 1";
    }
  }

  // ------------------------------------------------------------------------------ corrupted states

  private static Path savedFit;

  /** A fit of Misra1a stopped after 3 iterations: its folder holds a state to resume. */
  private static synchronized Path savedFit() {
    if (savedFit == null) {
      Path folder = work.resolve("saved-fit");
      ThreadCapture.Run run = ThreadCapture.run("fit", REPO.resolve("models/nist/misra1a.phl").toString(), "--data", DATA.toString(),
          "--out", folder.toString(), "--method", "lbfgs", "--max-iter", "3", "--no-plots", "--no-check");
      assertTrue(Files.isRegularFile(folder.resolve("fit-state.txt")), run.printed());
      savedFit = folder;
    }
    return savedFit;
  }

  @Property(tries = 5)
  void corruptedState_resumesOrIsRefusedWithAMessage(@ForAll long seed) throws Exception {
    corruptedState(seed);
  }

  @Property(tries = 300, afterFailure = net.jqwik.api.AfterFailureMode.RANDOM_SEED)
  @Tag("long")
  void longRun_corruptedState_resumesOrIsRefusedWithAMessage(@ForAll long seed) throws Exception {
    corruptedState(seed);
  }

  private static void corruptedState(long seed) throws Exception {
    Random random = new Random(seed);
    Path folder = work.resolve("state-" + Long.toHexString(seed));
    try {
      copyTree(savedFit(), folder);
      Path state = folder.resolve("fit-state.txt");
      Damage damage = new Damage(random);
      Files.write(state, damage.apply(Files.readAllBytes(state)));
      String context = "fit-state.txt: " + String.join(", ", damage.applied()) + " (seed " + seed + ")\n" + Files.readString(state,
          java.nio.charset.StandardCharsets.ISO_8859_1);
      ThreadCapture.Run run = ThreadCapture.run("fit", REPO.resolve("models/nist/misra1a.phl").toString(), "--data", DATA.toString(),
          "--resume", folder.toString(), "--no-plots", "--no-check");
      assertClean(run.exit(), run.printed(), context);
      count("states: " + (run.exit() == 0 ? "resumed, converged (exit 0)"
          : run.printed().contains("fit-state.txt, line") ? "refused, naming the state file's line (exit 1)"
          : run.exit() == 1 ? "refused (exit 1)" : "resumed, not converged (exit 10-16)"));
    } finally {
      deleteTree(folder);
    }
  }

  // ------------------------------------------------------------------------------ path escapes

  private static final String SECRET = "leaked_secret_column";
  /**
   * The secret table's first value: a leak shows it. Not digits alone, which a random temp folder name in
   * the message can hold (a run in /tmp/safety-fuzz16374917299958970060 failed on a check for "999").
   */
  private static final String SECRET_VALUE = "-31415.926";
  private static Path pathRoot;

  /**
   * A data folder with one table (2 rows) and links leading in and out; beside it a secret table of 3
   * rows with the same column, so a path that reads it binds a dim of 3 and is caught.
   */
  private static synchronized Path pathLayout() throws IOException {
    if (pathRoot == null) {
      Path dir = Files.createDirectories(work.resolve("paths"));
      Path root = Files.createDirectories(dir.resolve("data"));
      Files.createDirectories(root.resolve("site"));
      Files.writeString(root.resolve("site/x.csv"), "x\n1\n2\n");
      String secret = "x," + SECRET + "\n" + SECRET_VALUE + ",1\n-27182.818,1\n-16180.339,1\n";
      Files.writeString(dir.resolve("secret.csv"), secret);
      Files.createDirectories(dir.resolve("outside"));
      Files.writeString(dir.resolve("outside/x.csv"), secret);
      Files.createSymbolicLink(root.resolve("link_out"), dir.resolve("outside"));
      Files.createSymbolicLink(root.resolve("link_file"), dir.resolve("secret.csv"));
      Files.createSymbolicLink(root.resolve("link_rel_out"), Path.of("../outside"));
      Files.createSymbolicLink(root.resolve("link_in"), Path.of("site"));
      Files.createSymbolicLink(root.resolve("link_abs_in"), root.resolve("site").toAbsolutePath());
      Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
      Files.createSymbolicLink(root.resolve("site/up"), Path.of(".."));
      Files.createSymbolicLink(root.resolve("site/upup"), Path.of("../.."));
      pathRoot = root;
    }
    return pathRoot;
  }

  private static final String[] PATH_PARTS = {"..", ".", "site", "x.csv", "secret.csv", "outside", "link_out", "link_file", "link_rel_out",
      "link_in", "link_abs_in", "loop", "up", "upup", "", "~", "%2e%2e", "\u2024\u2024", "\uff0e\uff0e", "..\\..", "site\\..", "x.csv/..",
      "data", "*", "?", "{1..2}", " ", "..."};
  private static final String[] SEPARATORS = {"/", "/", "/", "//", "\\", "/./"};

  @Property(tries = 100)
  void randomDataPath_neverReadsOutsideTheDataFolder(@ForAll long seed) throws Exception {
    randomDataPath(seed);
  }

  @Property(tries = 10_000, afterFailure = net.jqwik.api.AfterFailureMode.RANDOM_SEED)
  @Tag("long")
  void longRun_randomDataPath_neverReadsOutsideTheDataFolder(@ForAll long seed) throws Exception {
    randomDataPath(seed);
  }

  private static void randomDataPath(long seed) throws Exception {
    Random random = new Random(seed);
    Path root = pathLayout();
    StringBuilder path = new StringBuilder();
    int r = random.nextInt(6);
    if (r == 0) {
      path.append(root.getParent().toAbsolutePath()).append('/');
    } else if (r == 1) {
      path.append(root.toAbsolutePath()).append('/');
    }
    int parts = 1 + random.nextInt(5);
    for (int k = 0; k < parts; k++) {
      path.append(k == 0 ? "" : SEPARATORS[random.nextInt(SEPARATORS.length)]).append(PATH_PARTS[random.nextInt(PATH_PARTS.length)]);
    }
    if (random.nextInt(3) > 0) {
      path.append("/x.csv");
    }
    String text = "model contained \"data stay inside\"\n"
        + "data t = \"" + path + "\"\n"
        + "dim i\n"
        + "input x[i] = t.x\n"
        + "output y[i]\n"
        + "for k in i { y[k] = 2 * x[k] }\n";
    String context = "data path '" + path + "' (seed " + seed + ")";
    Compilation c;
    try {
      c = Pipeline.compile("contained.phl", text, root.getParent(), false);
    } catch (CompileException e) {
      assertTrue(!e.diagnostics().isEmpty() && e.diagnostics().get(0).span().startLine() <= 6, context + "\n" + e.getMessage());
      assertTrue(!e.getMessage().contains(SECRET) && !e.getMessage().contains(SECRET_VALUE), context + ": leaked\n" + e.getMessage());
      count("paths: refused at compile time (" + e.diagnostics().get(0).kind() + ")");
      return;
    }
    try {
      CompiledModel m = c.bind(root);
      int rows = m.info().dims().get(0).size();
      assertEquals(2, rows, context + ": read a table outside the data folder (" + rows + " rows)");
      count("paths: read the table inside");
    } catch (Exception e) {
      StringWriter printed = new StringWriter();
      int exit = Main.report(e, new PrintWriter(printed));
      assertClean(exit, printed.toString(), context);
      assertEquals(1, exit, context);
      assertTrue(!printed.toString().contains(SECRET) && !printed.toString().contains(SECRET_VALUE), context + ": leaked\n" + printed);
      count("paths: refused when bound (" + (printed.toString().contains("symbolic link") ? "symbolic link" : "other") + ")");
    }
  }

  // ------------------------------------------------------------------------------ concurrent fits

  private static final String[] NIST = {"misra1a", "misra1b", "misra1c", "misra1d"};

  @Property(tries = 3)
  void concurrentFitsIntoOneFolder_loseNoResult(@ForAll long seed) throws Exception {
    concurrentFits(seed);
  }

  @Property(tries = 60, afterFailure = net.jqwik.api.AfterFailureMode.RANDOM_SEED)
  @Tag("long")
  void longRun_concurrentFitsIntoOneFolder_loseNoResult(@ForAll long seed) throws Exception {
    concurrentFits(seed);
  }

  /**
   * Two to four fits of different models (so a mix shows) start at once into one folder, each fresh,
   * with {@code --overwrite} or with {@code --resume}; the folder starts empty, absent, with a saved fit,
   * with a stale lock (a dead process's, or one cut short while written) or with a live one (pid 1).
   * Afterwards: every run ended with exit 0 or 1 and no stack trace; no lock or temporary file is left;
   * the files in the folder are one fit's (summary and state name the same model); a fit that ended
   * with exit 0 was replaced only by a run told {@code --overwrite} or {@code --resume}.
   */
  private static void concurrentFits(long seed) throws Exception {
    Random random = new Random(seed);
    Path folder = work.resolve("concurrent-" + Long.toHexString(seed));
    String start = prepareFolder(folder, random);
    int n = 2 + random.nextInt(3);
    String[] models = new String[n];
    String[] flags = new String[n];
    ThreadCapture.Run[] runs = new ThreadCapture.Run[n];
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      models[k] = NIST[random.nextInt(NIST.length)];
      flags[k] = new String[] {"fresh", "fresh", "--overwrite", "--resume"}[random.nextInt(4)];
      int delay = random.nextInt(40);
      final int index = k;
      List<String> args = new ArrayList<>(List.of("fit", REPO.resolve("models/nist/" + models[k] + ".phl").toString(), "--data",
          DATA.toString(), "--no-plots", "--no-check", "--outputs", "none"));
      if (flags[k].equals("--resume")) {
        args.addAll(List.of("--resume", folder.toString()));
      } else {
        args.addAll(List.of("--out", folder.toString(), "--method", "lbfgs"));
        if (flags[k].equals("--overwrite")) {
          args.add("--overwrite");
        }
      }
      Thread t = new Thread(() -> {
        try {
          go.await();
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        runs[index] = ThreadCapture.run(args.toArray(String[]::new));
      }, "fit-" + k);
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join(600_000);
    }
    StringBuilder context = new StringBuilder("folder " + start + " (seed " + seed + "); runs:");
    for (int k = 0; k < n; k++) {
      context.append("\n  ").append(models[k]).append(' ').append(flags[k]).append(": exit ")
          .append(runs[k] == null ? "none" : runs[k].exit());
    }
    String ctx = context.toString();
    for (int k = 0; k < n; k++) {
      assertTrue(runs[k] != null, "a run did not finish: " + ctx);
      assertClean(runs[k].exit(), runs[k].printed(), ctx + "\nrun " + k + ":");
    }
    String stray = ThreadCapture.stray();
    assertTrue(!stray.contains("\tat "), ctx + "\nprinted outside a run:\n" + stray);
    try (Stream<Path> files = Files.list(folder)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.stream().noneMatch(f -> f.endsWith(".tmp")), ctx + ": temporary files left " + names);
      assertEquals(start.equals("live lock"), names.contains(".phloem-lock"), ctx + ": lock left or lost " + names);
      String stateModel = modelOf(folder.resolve("fit-state.txt"), "model ");
      String summaryModel = modelOf(folder.resolve("summary.txt"), "Fit of ");
      int succeeded = 0;
      int plain = 0;
      boolean finalTold = false;
      for (int k = 0; k < n; k++) {
        if (runs[k].exit() == 0) {
          succeeded++;
          plain += flags[k].equals("fresh") ? 1 : 0;
          finalTold |= models[k].equals(stateModel) && !flags[k].equals("fresh");
        }
      }
      if (succeeded > 0) {
        assertTrue(stateModel != null && stateModel.equals(summaryModel), ctx + ": the folder's files are not one fit's: state "
            + stateModel + ", summary " + summaryModel);
        boolean mixedModels = false;
        for (int k = 0; k < n; k++) {
          mixedModels |= runs[k].exit() == 0 && !models[k].equals(stateModel);
        }
        assertTrue(!mixedModels || finalTold, ctx + ": a successful fit's results were replaced by a run not told to");
      }
      assertTrue(plain <= (start.equals("saved fit") || start.equals("live lock") ? 0 : 1), ctx + ": two fresh fits both wrote");
      count("concurrent: " + succeeded + " of " + n + " fits ran to the end, start " + start);
    } finally {
      deleteTree(folder);
    }
  }

  /** Puts the folder in one of its starting conditions and names it. */
  private static String prepareFolder(Path folder, Random random) throws IOException {
    switch (random.nextInt(6)) {
      case 0:
        return "absent";
      case 1:
        Files.createDirectories(folder);
        return "empty";
      case 2:
        copyTree(savedFit(), folder);
        return "saved fit";
      case 3:
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(".phloem-lock"), "2147483646 2026-01-01T00:00:00Z 1\n");
        Files.writeString(folder.resolve(".summary.txt.123.tmp"), "half");
        return "stale lock";
      case 4:
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(".phloem-lock"), random.nextBoolean() ? "" : "not a pid");
        return "stale lock (cut short)";
      default:
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(".phloem-lock"), "1 2026-01-01T00:00:00Z 1\n");
        return "live lock";
    }
  }

  private static String modelOf(Path file, String prefix) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith(prefix)) {
        String rest = line.substring(prefix.length()).trim();
        int end = rest.indexOf(' ');
        return end < 0 ? rest : rest.substring(0, end);
      }
    }
    return null;
  }

  // ------------------------------------------------------------------------------ shared

  /**
   * The command line's contract: exit 0, 1 or a fit's verdict (10-16; never 2 or 3), a message on failure,
   * no Java stack trace.
   */
  private static void assertClean(int exit, String printed, String context) {
    assertTrue(exit == 0 || exit == 1 || (exit >= 10 && exit <= 16), "exit " + exit + " for " + context + ":\n" + printed);
    assertTrue(!printed.contains("\tat ") && !printed.contains("Exception in thread"), "a stack trace for " + context + ":\n" + printed);
    assertTrue(exit == 0 || !printed.isBlank(), "exit " + exit + " without a message for " + context);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals(".phloem-lock")) {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteTree(Path p) {
    if (p == null || !Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
