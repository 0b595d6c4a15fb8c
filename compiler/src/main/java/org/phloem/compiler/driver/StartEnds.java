package org.phloem.compiler.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.multistart.StartOutcome;
import org.phloem.runtime.multistart.StartProgress;
import org.phloem.runtime.report.AtomicFiles;

/**
 * Writes each finished start's end point of a multi-start fit to {@code DIR/starts/start-K.csv}
 * (columns name, value: a file {@code --start} reads), as the start finishes, then tells the next
 * listener: a multi-start stopped before the end keeps every start that finished, and any start can be
 * continued on its own ({@code phloem fit MODEL --start DIR/starts/start-K.csv}).
 */
final class StartEnds implements StartProgress {
  /** The folder, inside the report folder, that holds the ends. */
  static final String FOLDER = "starts";

  private final StartProgress next;
  private final Path folder;
  private final ModelInfo info;

  StartEnds(StartProgress next, Path reportFolder, ModelInfo info) {
    this.next = next;
    this.folder = reportFolder.resolve(FOLDER);
    this.info = info;
  }

  /** The file start {@code index}'s end is written to. */
  static Path file(Path reportFolder, int index) {
    return reportFolder.resolve(FOLDER).resolve("start-" + index + ".csv");
  }

  @Override
  public void finished(StartOutcome outcome, int done, int total) {
    if (outcome.result() != null) {
      StringBuilder csv = new StringBuilder("name,value,status,cost\n");
      List<String> names = info.slotNames();
      double[] p = outcome.result().parameters();
      for (int i = 0; i < p.length; i++) {
        csv.append(names.get(i)).append(',').append(p[i]).append(',').append(outcome.statusName()).append(',')
            .append(String.format(Locale.ROOT, "%.17g", outcome.cost())).append('\n');
      }
      try {
        Files.createDirectories(folder);
        AtomicFiles.write(file(folder.getParent(), outcome.index()), csv.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the end of start " + outcome.index() + " to " + folder, e);
      }
    }
    next.finished(outcome, done, total);
  }

  @Override
  public void stillRunning(int done, int total, List<Running> running, Duration elapsed) {
    next.stillRunning(done, total, running, elapsed);
  }
}
