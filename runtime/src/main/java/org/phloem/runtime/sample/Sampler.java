package org.phloem.runtime.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.phloem.runtime.parallel.TaskFailures;

/**
 * Runs the chains of a sampling run, up to {@link SampleOptions#threads()} at once, each with its own
 * copy of the target and its own random stream, so that the draws depend only on the seed and the
 * chain count, never on the number of threads or on timing.
 */
public final class Sampler {
  private Sampler() {}

  /**
   * Samples {@code target} from fresh starts.
   *
   * @param checkpoints the checkpoint of each chain (by chain number)
   * @throws SampleException when a chain cannot start or cannot find a step size (the message says why)
   */
  public static List<ChainDraws> sample(LogDensity target, SampleOptions options, SampleListener listener,
                                        IntFunction<ChainCheckpoint> checkpoints) {
    return runAll(options, c -> new Chain(c, target.copy(), options, listener, checkpoints.apply(c)).run());
  }

  /**
   * Runs chain {@code index} (0-based) from its fresh start on {@code target} itself (not a copy), in this
   * thread: what an engine that runs the chains elsewhere calls once per chain. Its draws are those
   * {@link #sample} gives that chain, bit for bit.
   */
  public static ChainDraws chain(LogDensity target, SampleOptions options, int index, SampleListener listener,
                                 ChainCheckpoint checkpoint) {
    return new Chain(index, target, options, listener, checkpoint).run();
  }

  /**
   * Goes on from saved chain states (one per chain, in chain order); a chain whose state is complete
   * only has its draws collected.
   */
  public static List<ChainDraws> resume(LogDensity target, SampleOptions options, List<ChainState> states, SampleListener listener,
                                        IntFunction<ChainCheckpoint> checkpoints) {
    if (states.size() != options.chains()) {
      throw new SampleException("the saved run has " + states.size() + " chains, the options " + options.chains());
    }
    return runAll(options, c -> new Chain(c, target.copy(), options, listener, checkpoints.apply(c)).resume(states.get(c)));
  }

  private static List<ChainDraws> runAll(SampleOptions options, IntFunction<ChainDraws> chain) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), options.chains()), r -> {
      Thread t = new Thread(r, "phloem-chain");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<ChainDraws>> futures = new ArrayList<>();
      for (int c = 0; c < options.chains(); c++) {
        int chainIndex = c;
        futures.add(pool.submit(() -> chain.apply(chainIndex)));
      }
      List<ChainDraws> out = new ArrayList<>();
      for (Future<ChainDraws> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SampleException("sampling was interrupted");
    } catch (ExecutionException e) {
      throw TaskFailures.rethrow(e);
    } finally {
      pool.shutdownNow();
    }
  }
}
