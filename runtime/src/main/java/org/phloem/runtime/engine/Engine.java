package org.phloem.runtime.engine;

import java.util.List;
import java.util.function.IntFunction;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.multistart.MultiStartOptions;
import org.phloem.runtime.multistart.MultiStartResult;
import org.phloem.runtime.multistart.StartProgress;
import org.phloem.runtime.sample.ChainCheckpoint;
import org.phloem.runtime.sample.SampleListener;
import org.phloem.runtime.sample.SampleOptions;
import org.phloem.runtime.sample.SampleRun;

/**
 * Where independent units of work run: the sites of a site sum, the starts of a multi-start fit, the chains
 * of a sampling run. The {@link LocalEngine} (this JVM's cores, fork/join) is the default; others (Apache Spark, in the module
 * engine-spark) are found by {@link Engines} through {@link java.util.ServiceLoader}.
 *
 * <p>Every engine gives the same results bit for bit: a site sum adds the sites' terms in the fixed
 * pairwise order of {@link org.phloem.runtime.parallel.PairwiseSum}, whatever ran them, and a start's
 * fit, or a chain's draws (seeded by the seed and the chain's number), are the same arithmetic wherever they run.
 */
public interface Engine extends AutoCloseable {

  /** What runs the work, for the user ("local, 2 threads"; "spark local-cluster[2,1,1024]"). */
  String description();

  /**
   * The sum of {@code code} bound to each of {@code sites}, as one model: cost, gradient, tangent and
   * Hessian-vector product are the pairwise sums, by site index, of the sites' own.
   *
   * @param labels the sites' names (station codes, cell numbers), one per site
   */
  CompiledModel siteSum(ModelCode code, List<BoundData> sites, List<String> labels);

  /**
   * Fits {@code model} from {@code options.starts()} starts, as {@link
   * org.phloem.runtime.multistart.MultiStart#run} does.
   *
   * @param model the model, bound (what a local engine copies)
   * @param portable the same model as an engine that runs the starts in other JVMs rebuilds it
   */
  MultiStartResult multiStart(CompiledModel model, PortableModel portable, FitOptions base, MultiStartOptions options,
      StartProgress progress);

  /**
   * Samples the posterior of {@code model} from fresh starts, one unit of work per chain, as {@link
   * org.phloem.runtime.sample.Sampler#sample} does: the same draws for a seed and chain count, bit for bit.
   *
   * @param model the model, bound (what a local engine copies per chain)
   * @param portable the same model as an engine that runs the chains in other JVMs rebuilds it
   * @param listener told of each chain's progress (an engine running chains elsewhere may tell it only of
   *     their ends)
   * @param checkpoints the checkpoint of each chain (by chain number): the local engine saves as the chain
   *     goes, others save each chain's final state once it is back
   */
  SampleRun sample(CompiledModel model, PortableModel portable, SampleOptions options, SampleListener listener,
      IntFunction<ChainCheckpoint> checkpoints);

  /** Releases what the engine holds (threads, a cluster connection). */
  @Override
  void close();
}
