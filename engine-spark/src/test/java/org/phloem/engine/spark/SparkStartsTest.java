package org.phloem.engine.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.engine.LocalEngine;
import org.phloem.runtime.engine.PortableModel;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.multistart.MultiStartOptions;
import org.phloem.runtime.multistart.MultiStartResult;
import org.phloem.runtime.multistart.StartOutcome;
import org.phloem.runtime.multistart.StartProgress;

/** The starts of a multi-start fit, run as Spark tasks, end where the local engine's end, bit for bit. */
class SparkStartsTest {

  /** Runs DALEC (Oregon) from 2 starts on the local engine and on {@code master}; asserts the outcomes are the same. */
  static void sameAsLocal(String master) throws Exception {
    PortableModel portable = TestModels.portable("dalec/oregon.phl");
    CompiledModel model = portable.bind();
    FitOptions base = FitOptions.defaults();
    MultiStartOptions options = MultiStartOptions.of(2, 5).withThreads(2).withHeartbeat(Duration.ofMinutes(10));
    MultiStartResult local = new LocalEngine(2).multiStart(model, portable, base, options, StartProgress.NONE);
    List<Integer> told = new ArrayList<>();
    MultiStartResult remote = SharedSpark.engine(master).multiStart(model, portable, base, options, new StartProgress() {
      @Override
      public void finished(StartOutcome outcome, int finished, int total) {
        told.add(outcome.index());
      }

      @Override
      public void stillRunning(int finished, int total, List<Running> running, Duration elapsed) {
      }
    });
    assertEquals(2, told.size(), "one progress line per start");
    assertEquals(local.optima().size(), remote.optima().size());
    for (int k = 0; k < 2; k++) {
      StartOutcome a = local.outcomes().get(k);
      StartOutcome b = remote.outcomes().get(k);
      assertArrayEquals(a.start(), b.start(), "start " + k + " begins at the same draw");
      assertEquals(a.statusName(), b.statusName());
      assertNotNull(b.result(), "start " + k + " was fitted: " + b.error());
      assertEquals(Double.doubleToRawLongBits(a.cost()), Double.doubleToRawLongBits(b.cost()), "cost of start " + k);
      assertArrayEquals(a.result().parameters(), b.result().parameters(), "optimum of start " + k); // equal bits
      assertEquals(a.result().evaluations(), b.result().evaluations());
      assertArrayEquals(a.lastState().minimizer().x(), b.lastState().minimizer().x(), "the saved state, for --resume");
    }
    assertTrue(local.outcomes().get(0).converged(), "DALEC converges from its default start");
  }

  @Test
  void startsOnLocalSparkEndWhereTheLocalEnginesEnd() throws Exception {
    sameAsLocal("local[2]");
  }
}
