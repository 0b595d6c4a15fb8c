package org.phloem.compiler.driver;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.phloem.compiler.ast.Item;
import org.phloem.runtime.CompiledModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.diag.Diagnostic;

/**
 * {@code phloem watch MODEL}: compiles and checks the model, then again every time the model file or a
 * file it includes is saved, until Ctrl-C. Compile errors, data problems and failed checks are printed
 * and watching goes on. Files are polled (modification time and size) every 50 ms: simple, and it
 * works on every file system, network folders included.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Recompile and re-run 'check' every time the model or a file it includes is saved (Ctrl-C ends it).")
final class WatchCommand implements Callable<Integer> {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  @Parameters(index = "0", paramLabel = "MODEL", description = "the model file (.phl)")
  Path model;

  @Mixin DataOptions data = new DataOptions();

  /** For tests: stop after this many compile-and-check rounds (0: never). */
  @Option(names = "--rounds", hidden = true, defaultValue = "0")
  int rounds;

  /** How often to look at the files, in milliseconds. */
  @Option(names = "--poll-ms", hidden = true, defaultValue = "50")
  long pollMillis;

  @Override
  public Integer call() {
    Set<Path> files = new LinkedHashSet<>();
    files.add(model);
    for (int round = 1; ; round++) {
      Map<Path, Stamp> before = stamps(files);
      files = once(files);
      // files first seen in this round (new includes) are compared from now on
      Map<Path, Stamp> seen = stamps(files);
      for (Map.Entry<Path, Stamp> e : before.entrySet()) {
        // a file saved while this round compiled still counts as a change
        if (seen.containsKey(e.getKey())) {
          seen.put(e.getKey(), e.getValue());
        }
      }
      if (rounds > 0 && round >= rounds) {
        return 0;
      }
      System.out.printf("[%s] watching %d file(s); save one to check again, Ctrl-C to stop.%n", LocalTime.now().format(CLOCK),
          files.size());
      try {
        awaitSettledChange(files, seen);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
  }

  /**
   * One round: compile, bind, check, print. Returns the files to watch: those the model was read from
   * (the main file at least); after a compile error, also the files watched before and every file an
   * error points into, so that fixing an included file is noticed.
   */
  private Set<Path> once(Set<Path> watched) {
    Set<Path> files = new LinkedHashSet<>();
    files.add(model);
    long start = System.nanoTime();
    try {
      Compilation c = Pipeline.compile(model, true);
      double millis = (System.nanoTime() - start) / 1e6;
      for (Item item : c.checked().items()) {
        Path location = item.span().file().location();
        if (location != null) {
          files.add(location);
        }
      }
      System.out.printf("[%s] %s compiled in %.0f ms%n", LocalTime.now().format(CLOCK), model, millis);
      CompiledModel m = c.bind(data.root(model));
      Fittable.require(m.info(), "check");
      boolean passed = CheckCommand.run(m, "prior", 0, 1);
      System.out.printf("[%s] check %s%n", LocalTime.now().format(CLOCK), passed ? "passed" : "FAILED");
    } catch (Exception e) {
      if (e instanceof CompileException) {
        files.addAll(watched);
        for (Diagnostic d : ((CompileException) e).diagnostics()) {
          Path location = d.span().file().location();
          if (location != null) {
            files.add(location);
          }
        }
      }
      System.out.printf("[%s] %s: not checked%n", LocalTime.now().format(CLOCK), model);
      System.out.flush();
      PrintWriter err = new PrintWriter(System.err, true);
      UserErrors.report(e, err);
      err.flush();
    }
    System.out.flush();
    return files;
  }

  /**
   * Waits for a save, then until the files stop moving for one poll: editors (and Files.writeString)
   * truncate first and write after, and a round started on the half-written file would report an
   * error the user never made.
   */
  private void awaitSettledChange(Set<Path> files, Map<Path, Stamp> seen) throws InterruptedException {
    Map<Path, Stamp> now = stamps(files);
    while (now.equals(seen)) {
      Thread.sleep(pollMillis);
      now = stamps(files);
    }
    Map<Path, Stamp> settled;
    do {
      settled = now;
      Thread.sleep(SETTLE_MILLIS);
      now = stamps(files);
    } while (!now.equals(settled));
  }

  /** The shortest quiet time after a change before a round starts. */
  private static final long SETTLE_MILLIS = 50;

  /** What tells a saved file: its modification time and size (null for a file that is missing). */
  private record Stamp(FileTime modified, long size) {}

  private static Map<Path, Stamp> stamps(Set<Path> files) {
    Map<Path, Stamp> out = new LinkedHashMap<>();
    for (Path f : files) {
      try {
        out.put(f, new Stamp(Files.getLastModifiedTime(f), Files.size(f)));
      } catch (IOException e) {
        out.put(f, null);
      }
    }
    return out;
  }
}
