package org.phloem.compiler.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.phloem.runtime.fit.FitCheckpoint;
import org.phloem.runtime.fit.FitState;
import org.phloem.runtime.fit.FitStateFile;
import org.phloem.runtime.report.AtomicFiles;

/**
 * The fit state file {@value #FILE} in a fit's output folder: rewritten atomically (temporary file,
 * then a move) after every iteration, so that a fit killed at any moment leaves the last complete
 * state behind for {@code phloem fit MODEL --resume DIR}.
 */
final class SavedFit {
  /** The state file's name inside the output folder. */
  static final String FILE = "fit-state.txt";

  private SavedFit() {}

  /** A checkpoint writing every state into {@code folder}. */
  static FitCheckpoint writingTo(Path folder) {
    Path file = folder.resolve(FILE);
    return state -> {
      try {
        AtomicFiles.write(file, FitStateFile.format(state));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** The state saved in {@code folder} (or the state file itself, when given a file). */
  static FitState read(Path folderOrFile) throws UserErrors.UserException {
    Path file = Files.isDirectory(folderOrFile) ? folderOrFile.resolve(FILE) : folderOrFile;
    String text;
    try {
      text = org.phloem.runtime.data.TextFile.read(file, org.phloem.runtime.data.TextFile.MAX_SETTINGS_BYTES, "fit state file");
    } catch (NoSuchFileException e) {
      throw new UserErrors.UserException("cannot resume: " + file + " does not exist; --resume takes the output folder of an "
          + "earlier 'phloem fit' (it holds " + FILE + ")");
    } catch (IOException e) {
      throw new UserErrors.UserException("cannot read the saved fit " + file + ": " + UserErrors.reason(e));
    }
    return FitStateFile.parse(text, file.toString());
  }
}
