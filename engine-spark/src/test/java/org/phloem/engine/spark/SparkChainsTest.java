package org.phloem.engine.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Main;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.engine.LocalEngine;
import org.phloem.runtime.engine.PortableModel;
import org.phloem.runtime.sample.ChainState;
import org.phloem.runtime.sample.SampleListener;
import org.phloem.runtime.sample.SampleOptions;
import org.phloem.runtime.sample.SampleRun;
import org.phloem.runtime.sample.SampleTables;

/** The chains of {@code sample}, run as Spark tasks, draw what the local engine draws, bit for bit. */
class SparkChainsTest {
  @TempDir Path folder;

  /** A straight line with a bounded and a log parameter (their transforms' Jacobians enter the density). */
  private PortableModel line() throws Exception {
    Files.writeString(folder.resolve("line.csv"), "x,y\n0,1.2\n1,1.9\n2,3.1\n3,3.4\n4,5.2\n5,5.8\n");
    Path model = folder.resolve("line.phl");
    Files.writeString(model, String.join("\n",
        "model line \"a straight line\"",
        "data \"line.csv\"",
        "dim obs",
        "input x[obs]",
        "input y[obs]",
        "param a = 1 sd 2",
        "param b = 0 sd 1",
        "param s = 0.5 sd 0.2 in [0, 1]",
        "param k = 2 sd 0.5 log",
        "output fit[obs]",
        "output unseen",
        "for i in obs {",
        "  fit[i] = a + b * x[i]",
        "}",
        "unseen = s * k",
        "observe fit[i] ~ normal(y[i], 0.5) for i in obs",
        ""));
    Compilation c = Pipeline.compile(model, true);
    GeneratedModel bound = (GeneratedModel) c.bind(folder);
    return new PortableModel(TestModels.code(c), bound.data());
  }

  @Test
  void chainsOnLocalSparkDrawWhatTheLocalEngineDraws() throws Exception {
    PortableModel portable = line();
    CompiledModel model = portable.bind();
    SampleOptions options = SampleOptions.defaults().withChains(3).withWarmup(150).withDraws(100).withSeed(7).withThreads(2);
    ConcurrentMap<Integer, ChainState> localStates = new ConcurrentHashMap<>();
    ConcurrentMap<Integer, ChainState> sparkStates = new ConcurrentHashMap<>();
    SampleRun local = new LocalEngine(2).sample(model, portable, options, SampleListener.NONE, c -> s -> localStates.put(c, s));
    List<Integer> ended = new ArrayList<>();
    SampleRun remote = SharedSpark.engine("local[2]").sample(model, portable, options,
        (chain, done, warmup, total, divergences) -> ended.add(chain), c -> s -> sparkStates.put(c, s));

    assertEquals(SampleTables.draws(local), SampleTables.draws(remote), "draws.csv");
    assertEquals(SampleTables.sampler(local), SampleTables.sampler(remote), "sampler.csv");
    assertEquals(List.of(0, 1, 2), ended, "one progress call per chain, as it ends");
    for (int c = 0; c < 3; c++) {
      ChainState a = localStates.get(c);
      ChainState b = sparkStates.get(c);
      assertNotNull(b, "the final state of chain " + c + " is saved on the driver");
      assertEquals(a.iteration(), b.iteration(), "the local engine's last saved state is the final one");
      assertEquals(a.rng(), b.rng());
      assertArrayEquals(a.x(), b.x());
      assertArrayEquals(a.inverseMetric(), b.inverseMetric());
      assertEquals(a.kept().size(), b.kept().size());
    }
  }

  @Test
  void resumeWithSparkIsRefusedBeforeAnythingRuns() {
    int exit = Main.execute("sample", folder.resolve("line.phl").toString(), "--resume", folder.toString(), "--engine", "spark",
        "--master", "local[2]");
    assertEquals(2, exit, "a usage error: --resume goes on with the local engine only");
  }
}
