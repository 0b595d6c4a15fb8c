package org.phloem.runtime.multistart;

import java.time.Duration;
import java.util.List;

/**
 * Told how a multi-start fit is going, on the calling thread of {@link MultiStart#run}, in the order
 * starts finish (which depends on timing; the results do not).
 */
public interface StartProgress {

  /** Reports nothing. */
  StartProgress NONE = new StartProgress() {
    @Override
    public void finished(StartOutcome outcome, int done, int total) {}

    @Override
    public void stillRunning(int done, int total, List<Running> running, Duration elapsed) {}
  };

  /** Where a start that is still running has got to. */
  record Running(int index, String method, int iteration, double cost) {}

  /** A start finished; {@code done} of {@code total} have. */
  void finished(StartOutcome outcome, int done, int total);

  /** Nothing finished for a while: where the running starts are. */
  void stillRunning(int done, int total, List<Running> running, Duration elapsed);
}
