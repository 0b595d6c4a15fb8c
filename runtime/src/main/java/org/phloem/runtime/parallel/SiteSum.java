package org.phloem.runtime.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;

/**
 * A model whose cost is the sum of independent sites (or cells) sharing one parameter vector: each site
 * a {@link CompiledModel} bound to its own data (a station's record, a grid cell's drivers). Every
 * evaluation runs the sites on a fork/join pool, each writing its cost and derivative into its own slot,
 * and then sums the slots in one fixed order ({@link PairwiseSum}, by site index), so cost, gradient,
 * tangent and Hessian-vector product are bitwise the same for 1, 2 or 64 threads.
 *
 * <p>It is itself a {@link CompiledModel}, so the fit, the posterior and the checks use it unchanged.
 * Its {@link #info()} shares the parameters of the sites (their names, shapes and priors must agree; the
 * first site's priors are used) and lists every site's outputs and observations, named {@code
 * name@site} (see {@link SiteInfo}); {@link #output(int)} reads the site's own array.
 *
 * <p>Why a list of sites rather than one model with a cell dim split into blocks: a site's model is
 * already a self-contained instance with its own workspace and tape (the generated code is not
 * thread-safe, but distinct instances share nothing writable), sites may have different lengths and
 * data, and the sum is the CCDAS cost's structure (a global run is a sum over cells until transport
 * couples them). Per-site work should outweigh the fork/join overhead (microseconds): a site-year of a
 * daily model does.
 *
 * <p>Not thread-safe itself (like every CompiledModel): {@link #copy()} gives an independent sum, with
 * copies of every site, sharing the thread pool.
 */
public final class SiteSum implements CompiledModel {
  private final List<CompiledModel> sites;
  private final List<String> labels;
  private final ModelInfo info;
  private final ForkJoinPool pool;
  private final int[] outputSite;
  private final int[] outputIndex;
  private final double[] costs;
  private final double[][] parts;
  private double lastCost = Double.NaN;

  private SiteSum(List<CompiledModel> sites, List<String> labels, ModelInfo info, ForkJoinPool pool) {
    this.sites = List.copyOf(sites);
    this.labels = List.copyOf(labels);
    this.info = info;
    this.pool = pool;
    int total = info.outputs().size();
    this.outputSite = new int[total];
    this.outputIndex = new int[total];
    int k = 0;
    for (int s = 0; s < sites.size(); s++) {
      for (int o = 0; o < sites.get(s).info().outputs().size(); o++) {
        outputSite[k] = s;
        outputIndex[k++] = o;
      }
    }
    this.costs = new double[sites.size()];
    this.parts = new double[sites.size()][info.parameterCount()];
  }

  /**
   * The sum of {@code sites}, labelled {@code labels} (station codes, cell numbers), evaluated by
   * {@code threads} threads (1: in the calling thread).
   */
  public static SiteSum of(List<? extends CompiledModel> sites, List<String> labels, int threads) {
    if (sites.isEmpty()) {
      throw new IllegalArgumentException("a site sum needs at least one site");
    }
    if (labels.size() != sites.size()) {
      throw new IllegalArgumentException(labels.size() + " labels for " + sites.size() + " sites");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    java.util.Set<CompiledModel> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    List<ModelInfo> infos = new ArrayList<>();
    for (CompiledModel m : sites) {
      if (!distinct.add(m)) {
        throw new IllegalArgumentException("the same model instance is given as two sites; give each site its own (copy())");
      }
      infos.add(m.info());
    }
    ModelInfo info = SiteInfo.merge(infos, labels);
    return new SiteSum(new ArrayList<>(sites), labels, info, threads == 1 ? null : new ForkJoinPool(threads));
  }

  /**
   * The info of a sum over sites with these infos (what {@link #info()} is): for engines that evaluate the
   * sites elsewhere and sum them here.
   *
   * @throws IllegalArgumentException when the sites do not share one parameter vector
   */
  public static ModelInfo infoOf(List<ModelInfo> sites, List<String> labels) {
    return SiteInfo.merge(sites, labels);
  }

  /** The sum of {@code sites} labelled 0, 1, ..., on every available core. */
  public static SiteSum of(List<? extends CompiledModel> sites) {
    List<String> labels = new ArrayList<>();
    for (int s = 0; s < sites.size(); s++) {
      labels.add(Integer.toString(s));
    }
    return of(sites, labels, Runtime.getRuntime().availableProcessors());
  }

  /** The sites, in summation order. */
  public List<CompiledModel> sites() {
    return sites;
  }

  /** Threads evaluating the sites. */
  public int threads() {
    return pool == null ? 1 : pool.getParallelism();
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public double cost(double[] p) {
    checkLength(p);
    forEachSite(s -> costs[s] = sites.get(s).cost(p));
    return lastCost = PairwiseSum.of(costs);
  }

  @Override
  public double gradient(double[] p, double[] g) {
    checkLength(p);
    checkLength(g);
    forEachSite(s -> costs[s] = sites.get(s).gradient(p, parts[s]));
    PairwiseSum.into(parts, g);
    return lastCost = PairwiseSum.of(costs);
  }

  @Override
  public double tangent(double[] p, double[] dp) {
    checkLength(p);
    checkLength(dp);
    double[] derivatives = new double[sites.size()];
    forEachSite(s -> {
      derivatives[s] = sites.get(s).tangent(p, dp);
      costs[s] = sites.get(s).lastCost();
    });
    lastCost = PairwiseSum.of(costs);
    return PairwiseSum.of(derivatives);
  }

  @Override
  public double hessianVector(double[] p, double[] v, double[] hv) {
    checkLength(p);
    checkLength(v);
    checkLength(hv);
    forEachSite(s -> costs[s] = sites.get(s).hessianVector(p, v, parts[s]));
    PairwiseSum.into(parts, hv);
    return lastCost = PairwiseSum.of(costs);
  }

  @Override
  public double lastCost() {
    return lastCost;
  }

  @Override
  public double[] output(int k) {
    return sites.get(outputSite[k]).output(outputIndex[k]);
  }

  @Override
  public double[] outputTangent(int k) {
    return sites.get(outputSite[k]).outputTangent(outputIndex[k]);
  }

  @Override
  public CompiledModel copy() {
    List<CompiledModel> copies = new ArrayList<>();
    for (CompiledModel m : sites) {
      copies.add(m.copy());
    }
    return new SiteSum(copies, labels, info, pool);
  }

  private void checkLength(double[] a) {
    if (a.length != info.parameterCount()) {
      throw new IllegalArgumentException("vector of " + a.length + " elements; the sites share " + info.parameterCount() + " parameter slots");
    }
  }

  /** Runs {@code work} for every site index, in parallel when there is a pool; returns when all are done. */
  private void forEachSite(IntConsumer work) {
    if (pool == null) {
      for (int s = 0; s < sites.size(); s++) {
        work.accept(s);
      }
    } else {
      pool.invoke(new Sites(work, 0, sites.size()));
    }
  }

  /** Splits a range of sites in halves down to one site per task. */
  private static final class Sites extends RecursiveAction {
    private final IntConsumer work;
    private final int from;
    private final int to;

    Sites(IntConsumer work, int from, int to) {
      this.work = work;
      this.from = from;
      this.to = to;
    }

    @Override
    protected void compute() {
      if (to - from == 1) {
        work.accept(from);
        return;
      }
      int mid = (from + to) >>> 1;
      invokeAll(new Sites(work, from, mid), new Sites(work, mid, to));
    }
  }
}
