package org.phloem.tests.ad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.GeneratedModel;

/**
 * The tape the gradient would record decides whether it runs the checkpointed sweeps
 * ({@code plainTapeBytes} against the tape budget), so it must count what the plain gradient records,
 * also when a branch on the data skips part of a loop, as the East-Asian network model's
 * {@code if cover[s, k] > 0} skips the tiles without cover (14 of its 156 site-PFT pairs have any).
 * Counting such a branch as taken overstated that model's tape elevenfold and sent it to the
 * checkpointed sweeps at 4.5 times the plain gradient's cost.
 *
 * <p>Random models of that shape (tiles with random cover, some of it zero; random forcing; observations
 * with gaps), compiled from text and bound to CSV files: the count equals the tape the plain gradient
 * holds at its peak, up to the few values recorded outside the loops; the gradient agrees with finite
 * differences at a random point; the checkpointed gradient (forced, and under a budget that splits the
 * loop) gives the same numbers bit for bit; the class passes CheckClassAdapter.
 */
class DataBranchTapePropertiesTest {
  /** Reals the gradient may record outside the counted loops (the few scalars around them). */
  private static final long OUTSIDE_LOOPS_BYTES = 64;

  private static final String MODEL = """
      model tiles "a leaf model per tile, run only on the tiles with cover"
      data cover_table = "cover.csv"
      data forcing = "forcing.csv"
      data measured = "obs.csv"
      dim tile
      dim day
      input cover[tile] = cover_table.cover
      input light[tile, day] = forcing.light
      input obs[day] = measured.flux missing
      param vm = 1.5 sd 0.5 in [0.1, 10]
      param k = 0.4 sd 0.2 in [0.01, 2]
      param r = 0.2 sd 0.1 in [0.01, 0.9]
      var gpp_tile[tile, day]
      var leaf[tile]
      output flux[day]
      for s in tile {
        if cover[s] > 0 {
          leaf[s] = 1
          for d in day {
            let a = vm * light[s, d] / (k + light[s, d])
            gpp_tile[s, d] = a * (1 - exp(-a * leaf[s]))
            leaf[s] = leaf[s] * (1 - r) + r * gpp_tile[s, d]
          }
        }
      }
      for d in day {
        flux[d] = sum(s in tile) cover[s] * gpp_tile[s, d]
      }
      observe flux[d] ~ normal(obs[d], 0.5) for d in day
      """;

  @Property(tries = 15)
  void theCountedTape_isWhatThePlainGradientRecords(@ForAll @IntRange(min = 2, max = 9) int tiles,
      @ForAll @IntRange(min = 3, max = 12) int days, @ForAll @LongRange(min = 1, max = 1_000_000) long seed) throws Exception {
    Random random = new Random(seed);
    Path folder = Files.createTempDirectory("data-branch");
    int covered = write(folder, tiles, days, random);
    Compilation c = Pipeline.compile(folder.resolve("tiles.phl"), true);
    assertEquals("", Bytecode.problems(c.loaded().bytes()), "CheckClassAdapter on the generated class");
    GeneratedModel m = (GeneratedModel) c.bind(folder);
    double[] p = Points.at(m.info(), 1 + random.nextInt(1000));

    m.setCheckpointing(false);
    double[] plain = new double[p.length];
    m.tape().resetPeak();
    m.gradient(p, plain);
    long recorded = m.tape().peakBytes();
    double counted = m.plainTapeBytes();
    String where = covered + " of " + tiles + " tiles with cover, " + days + " days";
    assertTrue(counted <= recorded && recorded - counted <= OUTSIDE_LOOPS_BYTES,
        where + ": counted " + counted + " bytes, the plain gradient recorded " + recorded);

    double gradientError = DerivativeChecks.gradientError(m, p, DerivativeChecks.scales(p, m.info().priorSds()));
    assertTrue(gradientError <= 1e-6, where + ": gradient vs finite differences, relative error " + gradientError);

    m.setCheckpointing(true);
    double[] checkpointed = new double[p.length];
    m.gradient(p, checkpointed);
    assertArrayEquals(plain, checkpointed, where + ": checkpointed (forced) = plain, bit for bit");
    if (counted > 2 * OUTSIDE_LOOPS_BYTES) {
      m.setTapeBudget((long) (counted / 2));
      assertTrue(m.checkpointing(), where + ": half the counted tape is over the budget");
      double[] split = new double[p.length];
      m.gradient(p, split);
      assertArrayEquals(plain, split, where + ": checkpointed within half the tape = plain, bit for bit");
      m.setTapeBudget((long) counted);
      assertFalse(m.checkpointing(), where + ": the counted tape fits a budget of its own size");
    }
  }

  /** The model and its three tables; returns how many tiles have cover. */
  private static int write(Path folder, int tiles, int days, Random random) throws IOException {
    Files.writeString(folder.resolve("tiles.phl"), MODEL);
    StringBuilder cover = new StringBuilder("tile,cover\n");
    int covered = 0;
    for (int s = 0; s < tiles; s++) {
      double f = random.nextInt(3) == 0 ? 0.2 + 0.8 * random.nextDouble() : 0;
      covered += f > 0 ? 1 : 0;
      cover.append(String.format(Locale.ROOT, "t%d,%.17g%n", s, f));
    }
    Files.writeString(folder.resolve("cover.csv"), cover.toString());
    StringBuilder forcing = new StringBuilder("tile,day,light\n");
    for (int s = 0; s < tiles; s++) {
      for (int d = 0; d < days; d++) {
        forcing.append(String.format(Locale.ROOT, "t%d,%d,%.17g%n", s, d + 1, 0.1 + 2 * random.nextDouble()));
      }
    }
    Files.writeString(folder.resolve("forcing.csv"), forcing.toString());
    StringBuilder obs = new StringBuilder("day,flux\n");
    for (int d = 0; d < days; d++) {
      String value = random.nextInt(4) == 0 ? "" : String.format(Locale.ROOT, "%.17g", 0.5 * random.nextDouble());
      obs.append(String.format(Locale.ROOT, "%d,%s%n", d + 1, value));
    }
    Files.writeString(folder.resolve("obs.csv"), obs.toString());
    return covered;
  }
}
