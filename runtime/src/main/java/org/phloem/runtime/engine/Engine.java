package org.phloem.runtime.engine;

import java.util.List;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.multistart.MultiStartOptions;
import org.phloem.runtime.multistart.MultiStartResult;
import org.phloem.runtime.multistart.StartProgress;

/**
 * Where independent units of work run: the sites of a site sum, the starts of a multi-start fit. The
 * {@link LocalEngine} (this JVM's cores, fork/join) is the default; others (Apache Spark, in the module
 * engine-spark) are found by {@link Engines} through {@link java.util.ServiceLoader}.
 *
 * <p>Every engine gives the same results bit for bit: a site sum adds the sites' terms in the fixed
 * pairwise order of {@link org.phloem.runtime.parallel.PairwiseSum}, whatever ran them, and a start's
 * fit is the same arithmetic wherever it runs.
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

  /** Releases what the engine holds (threads, a cluster connection). */
  @Override
  void close();
}
