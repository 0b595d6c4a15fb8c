package org.phloem.runtime.multistart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ModelFault;
import org.phloem.runtime.fit.FitException;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.FitState;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.fit.IterationRecord;
import org.phloem.runtime.fit.SearchSpace;
import org.phloem.runtime.parallel.TaskFailures;

/**
 * Fits a model from many starts at once and groups where they end into distinct optima.
 *
 * <p>The starts ({@link StartDraws}) are drawn before anything runs; each is fitted by {@link Fitter#fit}
 * with the given options on its own {@link CompiledModel#copy() copy} of the model, {@code threads} at a
 * time. Start 0 runs with the options exactly as given, so it is the fit a single {@code fit} makes.
 * A start from which no fit can be run (a {@link FitException}: the cost cannot be evaluated there; or a
 * {@link ModelFault}: the model itself fails there, e.g. an observation sd reaches zero) is kept with
 * its reason; any other exception is a bug and ends the whole run.
 */
public final class MultiStart {
  private MultiStart() {}

  /**
   * Runs the starts.
   *
   * @param model the model (used only through copies; may be used by the caller meanwhile)
   * @param base the options of every fit (start 0 = {@code base.start()}, or the prior means when null);
   *     its listener and checkpoint are replaced
   * @throws FitException when the default start itself cannot be used
   */
  public static MultiStartResult run(CompiledModel model, FitOptions base, MultiStartOptions options, StartProgress progress) {
    double[] start0 = defaultStart(model.info(), base);
    List<double[]> starts = StartDraws.draw(model.info(), start0, options.starts(), options.seed());
    List<AtomicReference<StartProgress.Running>> running = new ArrayList<>();
    for (int k = 0; k < starts.size(); k++) {
      running.add(new AtomicReference<>());
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), starts.size()), r -> {
      Thread t = new Thread(r, "phloem-start");
      t.setDaemon(true);
      return t;
    });
    CompletionService<StartOutcome> done = new ExecutorCompletionService<>(pool);
    List<Future<StartOutcome>> futures = new ArrayList<>();
    try {
      for (int k = 0; k < starts.size(); k++) {
        int index = k;
        FitOptions o = optionsOf(base, index, starts.get(index));
        futures.add(done.submit(() -> fitOne(model.copy(), o, index, starts.get(index), running.get(index))));
      }
      StartOutcome[] outcomes = new StartOutcome[starts.size()];
      long t0 = System.nanoTime();
      for (int finished = 0; finished < starts.size(); ) {
        Future<StartOutcome> next = done.poll(options.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
          List<StartProgress.Running> now = new ArrayList<>();
          for (int k = 0; k < starts.size(); k++) {
            StartProgress.Running r = running.get(k).get();
            if (r != null && outcomes[k] == null) {
              now.add(r);
            }
          }
          progress.stillRunning(finished, starts.size(), now, Duration.ofNanos(System.nanoTime() - t0));
          continue;
        }
        StartOutcome outcome = next.get();
        outcomes[outcome.index()] = outcome;
        finished++;
        progress.finished(outcome, finished, starts.size());
      }
      return result(model.info(), start0, List.of(outcomes), options);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("multi-start fit interrupted", e);
    } catch (ExecutionException e) {
      throw TaskFailures.rethrow(e);
    } finally {
      futures.forEach(f -> f.cancel(true));
      pool.shutdownNow();
    }
  }

  /** Where start 0 begins: {@code base.start()}, or the prior means, moved into the search space. */
  public static double[] defaultStart(ModelInfo info, FitOptions base) {
    return SearchSpace.of(info, base.start()).start();
  }

  /** The options of start {@code index}: start 0 runs with {@code base} exactly as given. */
  public static FitOptions optionsOf(FitOptions base, int index, double[] start) {
    return index == 0 ? base : base.withStart(start);
  }

  /** The outcomes, in start order, grouped into optima. */
  public static MultiStartResult result(ModelInfo info, double[] start0, List<StartOutcome> outcomes, MultiStartOptions options) {
    List<Optimum> optima = OptimumClusters.group(outcomes, info, start0, options.costTolerance(), options.distanceTolerance());
    return new MultiStartResult(options, outcomes, optima);
  }

  /**
   * Fits one start: what every engine runs for each start, wherever it runs. The outcome is
   * serializable (the fit's saved state holds no listener), so it can come back from another JVM.
   */
  public static StartOutcome fitOne(CompiledModel model, FitOptions options, int index, double[] start,
      AtomicReference<StartProgress.Running> running) {
    AtomicReference<FitState> last = new AtomicReference<>();
    FitOptions o = options.withListener((IterationRecord r) -> running.set(new StartProgress.Running(index, r.method(), r.iteration(),
        r.cost()))).withCheckpoint(last::set);
    long t0 = System.nanoTime();
    try {
      FitResult result = Fitter.fit(model, o);
      return new StartOutcome(index, start, result, last.get(), null, (System.nanoTime() - t0) * 1e-9);
    } catch (FitException | ModelFault e) {
      // the model cannot be fitted from this start (a cost that cannot be evaluated, an sd that became
      // zero): a property of the start, reported with it; the other starts go on
      return new StartOutcome(index, start, null, null, e.getMessage(), (System.nanoTime() - t0) * 1e-9);
    }
  }
}
