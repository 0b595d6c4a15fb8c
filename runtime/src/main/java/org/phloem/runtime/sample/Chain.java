package org.phloem.runtime.sample;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * One chain: starting point, windowed warm-up (step size and diagonal metric), then the kept draws.
 * Saves its state through a {@link ChainCheckpoint} every {@value #SAVE_EVERY} iterations, at the end
 * of warm-up and at the end, and can go on from a saved {@link ChainState}.
 */
final class Chain {
  /** Iterations between saved states. */
  static final int SAVE_EVERY = 25;
  /** Random starting points tried before giving up on a chain whose posterior is not finite there. */
  static final int START_TRIES = 100;
  /** Starting points are drawn uniformly in (−START_RANGE, START_RANGE) on every search variable. */
  static final double START_RANGE = 2;

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private final int index;
  private final LogDensity target;
  private final SampleOptions options;
  private final SampleListener listener;
  private final ChainCheckpoint checkpoint;

  Chain(int index, LogDensity target, SampleOptions options, SampleListener listener, ChainCheckpoint checkpoint) {
    this.index = index;
    this.target = target;
    this.options = options;
    this.listener = listener;
    this.checkpoint = checkpoint;
  }

  /** Runs the chain from a fresh start. */
  ChainDraws run() {
    Rng rng = Rng.forChain(options.seed(), index);
    int n = target.dimension();
    double[] g = new double[n];
    double[] x = new double[n];
    double lp = Double.NaN;
    for (int tries = 0; tries < START_TRIES && !isUsable(lp, g); tries++) {
      for (int i = 0; i < n; i++) {
        x[i] = START_RANGE * (2 * rng.nextDouble() - 1);
      }
      lp = target.logDensity(x, g);
    }
    if (!isUsable(lp, g)) {
      throw new SampleException("chain " + (index + 1) + ": the posterior or its gradient is not finite at " + START_TRIES
          + " random starting points within two prior sds of the prior means; check the model at its prior means with "
          + "'phloem run' and 'phloem check'");
    }
    Metric metric = Metric.unit(n, options.denseMetric());
    double eps = StepSizeSearch.find(target, x, g, lp, metric, 1, rng);
    DualAveraging adaptation = new DualAveraging(options.targetAccept(), eps);
    WarmupSchedule schedule = new WarmupSchedule(options.warmup(), n, options.denseMetric());
    return iterate(0, rng, eps, metric, x, g, lp, adaptation, schedule, 0, new ArrayList<>());
  }

  /** Goes on from a saved state. */
  ChainDraws resume(ChainState s) {
    int n = target.dimension();
    if (s.x().length != n || s.inverseMetric().length != (options.denseMetric() ? n * n : n)) {
      throw new SampleException("the saved state of chain " + (index + 1) + " has " + s.x().length + " variables, the model " + n);
    }
    double[] g = new double[n];
    double[] x = s.x().clone();
    double lp = target.logDensity(x, g);
    DualAveraging adaptation = new DualAveraging(options.targetAccept(), s.dualAveraging());
    WarmupSchedule schedule = new WarmupSchedule(options.warmup(), n, options.denseMetric());
    schedule.restore(s.schedule());
    return iterate(s.iteration(), Rng.restore(s.rng()), s.stepSize(), Metric.fromFlat(n, s.inverseMetric()), x, g, lp, adaptation, schedule,
        s.warmupLeapfrogs(), new ArrayList<>(s.kept()));
  }

  private static boolean isUsable(double lp, double[] g) {
    if (!Double.isFinite(lp)) {
      return false;
    }
    for (double v : g) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private ChainDraws iterate(int from, Rng rng, double eps, Metric metric, double[] x, double[] g, double lp,
                             DualAveraging adaptation, WarmupSchedule schedule, long warmupLeapfrogs, List<ChainState.KeptDraw> kept) {
    long cpuStart = CPU.getCurrentThreadCpuTime();
    int warmup = options.warmup();
    int total = warmup + options.draws();
    int divergences = 0;
    for (ChainState.KeptDraw d : kept) {
      divergences += d.divergent() ? 1 : 0;
    }
    for (int it = from; it < total; it++) {
      Nuts.Transition t = Nuts.transition(target, x, g, lp, metric, eps, options.maxTreeDepth(), rng);
      x = t.x();
      g = t.gradient();
      lp = t.logDensity();
      if (it < warmup) {
        warmupLeapfrogs += t.leapfrogs();
        eps = adaptation.learn(t.acceptStat());
        double[] estimated = schedule.observe(x);
        if (estimated != null) {
          metric = Metric.fromFlat(x.length, estimated);
          eps = StepSizeSearch.find(target, x, g, lp, metric, eps, rng);
          adaptation.restart(eps);
        }
        if (it == warmup - 1) {
          eps = adaptation.finalStepSize();
        }
      } else {
        kept.add(new ChainState.KeptDraw(x, lp, t.acceptStat(), t.treeDepth(), t.leapfrogs(), t.divergent(), t.energy()));
        divergences += t.divergent() ? 1 : 0;
      }
      int done = it + 1;
      listener.progress(index, done, warmup, total, divergences);
      if (done % SAVE_EVERY == 0 || done == warmup || done == total) {
        checkpoint.save(new ChainState(index, done, rng.save(), eps, metric.flat(), x.clone(), adaptation.save(),
            schedule.save(), warmupLeapfrogs, List.copyOf(kept)));
      }
    }
    return collect(kept, eps, metric.flat(), warmupLeapfrogs, (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9);
  }

  private ChainDraws collect(List<ChainState.KeptDraw> kept, double eps, double[] inverseMetric, long warmupLeapfrogs,
                             double cpuSeconds) {
    int m = kept.size();
    double[][] xs = new double[m][];
    double[] lps = new double[m];
    double[] accept = new double[m];
    int[] depth = new int[m];
    int[] leapfrogs = new int[m];
    boolean[] divergent = new boolean[m];
    double[] energy = new double[m];
    for (int k = 0; k < m; k++) {
      ChainState.KeptDraw d = kept.get(k);
      xs[k] = d.x();
      lps[k] = d.logDensity();
      accept[k] = d.acceptStat();
      depth[k] = d.treeDepth();
      leapfrogs[k] = d.leapfrogs();
      divergent[k] = d.divergent();
      energy[k] = d.energy();
    }
    return new ChainDraws(index, xs, lps, accept, depth, leapfrogs, divergent, energy, eps, inverseMetric, warmupLeapfrogs,
        cpuSeconds);
  }
}
