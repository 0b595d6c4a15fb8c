package org.phloem.engine.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.engine.EngineException;
import org.phloem.runtime.engine.PortableModel;
import org.phloem.runtime.fit.SearchSpace;
import org.phloem.runtime.sample.ChainCheckpoint;
import org.phloem.runtime.sample.ChainDraws;
import org.phloem.runtime.sample.ChainState;
import org.phloem.runtime.sample.PosteriorDensity;
import org.phloem.runtime.sample.SampleListener;
import org.phloem.runtime.sample.SampleOptions;
import org.phloem.runtime.sample.SampleRun;
import org.phloem.runtime.sample.Sampler;

/**
 * A sampling run on Spark: each chain is one Spark job of one task that runs the chain on an executor
 * ({@link Sampler#chain}, the local engine's own code, seeded by the seed and the chain's number), so
 * its draws are the local engine's bit for bit. The model travels once per executor as a broadcast; the
 * chain's draws and its final state come back whole. The driver then saves each final state through the
 * chain's checkpoint (the states a stopped chain saves as it goes stay on the executor: a run stopped
 * half-way cannot be resumed) and tells the listener of the chain's end.
 */
final class SparkChains {
  private SparkChains() {}

  static SampleRun run(JavaSparkContext spark, ModelInfo info, PortableModel portable, SampleOptions options, SampleListener listener,
      IntFunction<ChainCheckpoint> checkpoints) {
    SearchSpace space = SearchSpace.of(info, null);
    Broadcast<PortableModel> model = spark.broadcast(portable);
    List<JavaFutureAction<List<ChainOutcome>>> jobs = new ArrayList<>();
    try {
      for (int c = 0; c < options.chains(); c++) {
        jobs.add(spark.parallelize(List.of(c), 1).map(new RunChain(model, options)).collectAsync());
      }
      List<ChainDraws> chains = new ArrayList<>();
      int total = options.warmup() + options.draws();
      for (int c = 0; c < jobs.size(); c++) {
        ChainOutcome o = outcome(jobs.get(c), c);
        if (o.fault() != null) {
          throw o.fault(); // as itself: a SampleException or a model's fault names its real cause
        }
        checkpoints.apply(c).save(o.last());
        int divergences = 0;
        for (boolean d : o.draws().divergent()) {
          divergences += d ? 1 : 0;
        }
        listener.progress(c, total, options.warmup(), total, divergences);
        chains.add(o.draws());
      }
      return SampleRun.of(space, chains, options);
    } finally {
      jobs.forEach(j -> j.cancel(true));
      model.unpersist();
    }
  }

  private static ChainOutcome outcome(JavaFutureAction<List<ChainOutcome>> job, int c) {
    try {
      return job.get().get(0);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new EngineException("chain " + (c + 1) + " failed on the Spark cluster (the task itself broke there, not the model): "
          + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sampling interrupted", e);
    }
  }

  /**
   * What a chain's task sends back: its draws and final state, or what it threw.
   *
   * @param draws the chain's kept draws, or null
   * @param last its final state (what the local engine's checkpoint saved last), or null
   * @param fault what the chain threw (a bad model or no usable start), or null
   */
  record ChainOutcome(ChainDraws draws, ChainState last, RuntimeException fault) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Runs on an executor: one chain. */
  private static final class RunChain implements Function<Integer, ChainOutcome> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<PortableModel> model;
    private final SampleOptions options;

    RunChain(Broadcast<PortableModel> model, SampleOptions options) {
      this.model = model;
      this.options = options;
    }

    @Override
    public ChainOutcome call(Integer chain) {
      try {
        CompiledModel m = model.value().bind();
        AtomicReference<ChainState> last = new AtomicReference<>();
        ChainDraws draws = Sampler.chain(new PosteriorDensity(m, SearchSpace.of(m.info(), null)), options, chain, SampleListener.NONE,
            last::set);
        return new ChainOutcome(draws, last.get(), null);
      } catch (RuntimeException e) {
        return new ChainOutcome(null, null, e);
      }
    }
  }
}
