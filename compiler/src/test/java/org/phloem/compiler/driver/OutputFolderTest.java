package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output folder belongs to one run: a folder locked by a live run is refused, a lock left by a dead
 * run is taken over, a fresh fit refuses a folder holding a saved fit unless told --resume or
 * --overwrite, the default folder is one per run, and of two fits started together into one folder
 * exactly one writes it. No result is overwritten without being asked.
 */
class OutputFolderTest {
  @TempDir Path dir;

  private Cli.Run fit(Path model, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("fit", model.toString(), "--data=" + Cli.data(), "--no-plots", "--out", out.toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aFolderLockedByALiveRun_isRefused_andLeftAsItWas() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path lock = out.resolve(OutputFolder.LOCK);
    Files.writeString(lock, ProcessHandle.current().pid() + " 2026-01-01T00:00:00Z 1\n");
    Cli.Run r = fit(Cli.misra1a(dir), out);
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.err().contains("is in use by another Phloem run (process " + ProcessHandle.current().pid()), r.all());
    assertTrue(Files.exists(lock), "another run's lock is not removed");
    assertFalse(Files.exists(out.resolve("fit-state.txt")), r.all());
  }

  @Test
  void aLockLeftByADeadRun_isTakenOver_andReleasedAtTheEnd() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve(OutputFolder.LOCK), gone.pid() + " 2026-01-01T00:00:00Z 1\n");
    Cli.Run r = fit(Cli.misra1a(dir), out);
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.err().contains("no longer runs"), r.all());
    assertFalse(Files.exists(out.resolve(OutputFolder.LOCK)), "the lock is released when the fit ends");
  }

  /**
   * A run killed between writing its private lock file and linking it (or while moving a stale lock
   * aside) leaves that file; the next run to lock the folder removes those of dead processes only.
   */
  @Test
  void privateLockFilesOfDeadRuns_areRemovedWhenTheFolderIsNextLocked() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path out = Files.createDirectories(dir.resolve("out"));
    List<Path> dead = List.of(out.resolve(OutputFolder.LOCK + "-1a2b3c-" + gone.pid()),
        out.resolve(OutputFolder.LOCK + "-stale-4d5e-" + gone.pid()));
    List<Path> kept = List.of(out.resolve(OutputFolder.LOCK + "-1a2b3c-1"), // pid 1 is alive
        out.resolve(OutputFolder.LOCK + "-9f-" + ProcessHandle.current().pid()), // this JVM: another thread's
        out.resolve(OutputFolder.LOCK + "-notes.txt")); // not a lock file's name
    for (Path p : dead) {
      Files.writeString(p, gone.pid() + " 2026-01-01T00:00:00Z 1\n");
    }
    for (Path p : kept) {
      Files.writeString(p, "1 2026-01-01T00:00:00Z 1\n");
    }
    Cli.Run r = fit(Cli.misra1a(dir), out);
    assertEquals(0, r.exit(), r.all());
    for (Path p : dead) {
      assertFalse(Files.exists(p), p + " of a dead run is removed");
    }
    for (Path p : kept) {
      assertTrue(Files.exists(p), p + " is kept");
    }
  }

  @Test
  void aFreshFit_refusesAFolderHoldingASavedFit_unlessToldToOverwrite() throws Exception {
    Path model = Cli.misra1a(dir);
    Path out = dir.resolve("out");
    assertEquals(0, fit(model, out).exit());
    byte[] saved = Files.readAllBytes(out.resolve("fit-state.txt"));
    Cli.Run again = fit(model, out);
    assertEquals(1, again.exit(), again.all());
    assertTrue(again.err().contains("holds a saved fit") && again.err().contains("--overwrite"), again.all());
    assertArrayEquals(saved, Files.readAllBytes(out.resolve("fit-state.txt")), "the saved fit is untouched");
    assertEquals(0, fit(model, out, "--overwrite").exit());
    assertEquals(0, Cli.run("fit", model.toString(), "--data=" + Cli.data(), "--no-plots", "--resume", out.toString()).exit());
  }

  @Test
  void theDefaultFolder_isOnePerRun() throws Exception {
    Path model = Cli.misra1a(dir);
    // the default folder is relative to the working directory: compare its fit folders before and after
    Path base = Path.of("phloem-out", "misra1a");
    List<Path> before = fitFolders(base);
    try {
      assertEquals(0, Cli.run("fit", model.toString(), "--data=" + Cli.data(), "--no-plots").exit());
      assertEquals(0, Cli.run("fit", model.toString(), "--data=" + Cli.data(), "--no-plots").exit());
      assertEquals(before.size() + 2, fitFolders(base).size(), "two fits, two folders");
    } finally {
      for (Path p : fitFolders(base)) {
        if (!before.contains(p)) {
          try (var files = Files.walk(p)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
          }
        }
      }
    }
  }

  private static List<Path> fitFolders(Path base) throws Exception {
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    try (var s = Files.list(base)) {
      return s.filter(p -> p.getFileName().toString().matches("fit(-\\d+)?") && Files.exists(p.resolve("fit-state.txt"))).toList();
    }
  }

  /**
   * Two processes (as two terminals would) fit into one folder at the same time: whichever claims it
   * second finds it locked, or holding the first one's saved fit; exactly one writes it, and its state
   * and report belong together.
   */
  @Test
  void twoConcurrentFitsIntoOneFolder_exactlyOneWritesIt() throws Exception {
    Path model = Cli.misra1a(dir);
    Path out = dir.resolve("shared");
    List<Process> runs = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      runs.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), Main.class.getName(), "fit", model.toString(), "--data=" + Cli.data(),
          "--no-plots", "--out", out.toString())
          .redirectOutput(dir.resolve("out" + k + ".txt").toFile()).redirectError(dir.resolve("err" + k + ".txt").toFile()).start());
    }
    int ok = 0;
    for (int k = 0; k < 2; k++) {
      int exit = runs.get(k).waitFor();
      String err = Files.readString(dir.resolve("err" + k + ".txt"));
      if (exit == 0) {
        ok++;
      } else {
        assertEquals(1, exit, err);
        assertTrue(err.contains("in use by another Phloem run") || err.contains("holds a saved fit"), err);
      }
    }
    assertEquals(1, ok, "exactly one of two fits into one folder writes it");
    assertFalse(Files.exists(out.resolve(OutputFolder.LOCK)));
    assertTrue(Files.readString(out.resolve("summary.txt")).contains("misra1a"));
  }
}
