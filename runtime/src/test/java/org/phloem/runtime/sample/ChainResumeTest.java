package org.phloem.runtime.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain stopped anywhere (during warm-up or sampling) and resumed from its saved file gives the same
 * draws, bit for bit, as the chain never stopped; damaged or foreign state files are refused by file
 * and line.
 */
class ChainResumeTest {
  private static final double[][] PRECISION = {{1, 0.5}, {0.5, 2}};
  private static final double[] MEAN = {1, -2};
  private static final SampleOptions OPTIONS = SampleOptions.defaults().withChains(2).withWarmup(150).withDraws(100).withSeed(3)
      .withThreads(1);
  private static final ChainStateFile.RunIdentity RUN = new ChainStateFile.RunIdentity("gauss", List.of("a", "b"), OPTIONS);

  @TempDir Path folder;

  @Test
  void resumedChainsGiveTheUninterruptedDraws() throws Exception {
    resumesExactly(OPTIONS, RUN);
  }

  @Test
  void resumedChainsWithADenseMetricToo() throws Exception {
    SampleOptions dense = OPTIONS.withDenseMetric(true);
    resumesExactly(dense, new ChainStateFile.RunIdentity("gauss", List.of("a", "b"), dense));
  }

  private void resumesExactly(SampleOptions options, ChainStateFile.RunIdentity run) throws Exception {
    GaussianTarget target = new GaussianTarget(MEAN, PRECISION);
    List<ChainDraws> whole = Sampler.sample(target, options, SampleListener.NONE, c -> ChainCheckpoint.NONE);
    for (int stopAt : new int[] {100, 200}) {
      // keep the state saved at iteration stopAt, as a killed run would have left it
      List<ChainState> saved = new ArrayList<>(List.of(dummy(0), dummy(1)));
      Sampler.sample(target, options, SampleListener.NONE, c -> s -> {
        if (s.iteration() == stopAt) {
          saved.set(c, s);
        }
      });
      List<ChainState> read = new ArrayList<>();
      for (int c = 0; c < 2; c++) {
        Path f = ChainStateFile.of(folder, c);
        ChainStateFile.write(f, run, saved.get(c));
        read.add(ChainStateFile.read(f, run, c));
      }
      List<ChainDraws> resumed = Sampler.resume(target, options, read, SampleListener.NONE, c -> ChainCheckpoint.NONE);
      for (int c = 0; c < 2; c++) {
        assertEquals(whole.get(c).size(), resumed.get(c).size());
        for (int k = 0; k < whole.get(c).size(); k++) {
          assertArrayEquals(whole.get(c).x()[k], resumed.get(c).x()[k], 0, "chain " + c + " draw " + k + " after a stop at " + stopAt);
        }
        assertEquals(whole.get(c).stepSize(), resumed.get(c).stepSize(), 0);
      }
    }
  }

  private static ChainState dummy(int chain) {
    return new ChainState(chain, 0, "", 0, new double[0], new double[0], new double[0], new double[0], 0, List.of());
  }

  @Test
  void damagedAndForeignStatesAreRefusedWithTheirLine() throws Exception {
    GaussianTarget target = new GaussianTarget(MEAN, PRECISION);
    List<ChainState> last = new ArrayList<>(List.of(dummy(0), dummy(1)));
    Sampler.sample(target, OPTIONS, SampleListener.NONE, c -> s -> last.set(c, s));
    Path f = ChainStateFile.of(folder, 0);
    ChainStateFile.write(f, RUN, last.get(0));
    String good = Files.readString(f);

    Files.writeString(f, good.replaceFirst("stepsize [^\n]*", "stepsize -1"));
    SampleException e = assertThrows(SampleException.class, () -> ChainStateFile.read(f, RUN, 0));
    assertTrue(e.getMessage().contains("chain-1.state:8:") && e.getMessage().contains("stepsize"), e.getMessage());

    Files.writeString(f, good.replaceFirst("iteration [^\n]*", "iteration -5"));
    e = assertThrows(SampleException.class, () -> ChainStateFile.read(f, RUN, 0));
    assertTrue(e.getMessage().contains(":6:") && e.getMessage().contains("outside"), e.getMessage());

    Files.writeString(f, good.substring(0, good.length() / 2));
    e = assertThrows(SampleException.class, () -> ChainStateFile.read(f, RUN, 0));
    assertTrue(e.getMessage().contains("damaged"), e.getMessage());

    Files.writeString(f, good);
    ChainStateFile.RunIdentity other = new ChainStateFile.RunIdentity("gauss", List.of("a", "b"), OPTIONS.withSeed(4));
    e = assertThrows(SampleException.class, () -> ChainStateFile.read(f, other, 0));
    assertTrue(e.getMessage().contains("--seed 3"), e.getMessage());
    ChainStateFile.RunIdentity otherModel = new ChainStateFile.RunIdentity("dalec", List.of("a", "b"), OPTIONS);
    e = assertThrows(SampleException.class, () -> ChainStateFile.read(f, otherModel, 0));
    assertTrue(e.getMessage().contains("not of model 'dalec'"), e.getMessage());
  }
}
