package org.phloem.engine.spark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.engine.EngineException;
import org.phloem.runtime.engine.PortableModel;
import org.phloem.runtime.fit.FitCheckpoint;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.IterationListener;
import org.phloem.runtime.multistart.MultiStart;
import org.phloem.runtime.multistart.MultiStartOptions;
import org.phloem.runtime.multistart.MultiStartResult;
import org.phloem.runtime.multistart.StartDraws;
import org.phloem.runtime.multistart.StartOutcome;
import org.phloem.runtime.multistart.StartProgress;

/**
 * A multi-start fit on Spark: the starts are drawn on the driver (the same draws as the local engine's),
 * each start is one Spark job of one task that fits the model on an executor ({@link
 * MultiStart#fitOne}, the local engine's own code), and the outcomes come back whole (fit result and
 * last state) to be grouped into optima on the driver. The model travels once per executor as a
 * broadcast. Progress: a line per finished start, and the heartbeat's count of starts still running
 * (their iterations are not followed across JVMs).
 */
final class SparkStarts {
  private static final long POLL_MILLIS = 100;

  private SparkStarts() {}

  static MultiStartResult run(JavaSparkContext spark, PortableModel portable, FitOptions base, MultiStartOptions options,
      StartProgress progress) {
    ModelInfo info = portable.bind().info();
    double[] start0 = MultiStart.defaultStart(info, base);
    List<double[]> starts = StartDraws.draw(info, start0, options.starts(), options.seed());
    // a listener or checkpoint of the caller's cannot run on an executor: the starts report when they end
    FitOptions shipped = base.withListener(IterationListener.NONE).withCheckpoint(FitCheckpoint.NONE);
    Broadcast<PortableModel> model = spark.broadcast(portable);
    List<JavaFutureAction<List<StartOutcome>>> jobs = new ArrayList<>();
    try {
      for (int k = 0; k < starts.size(); k++) {
        FitStart task = new FitStart(model, MultiStart.optionsOf(shipped, k, starts.get(k)), k, starts.get(k));
        jobs.add(spark.parallelize(List.of(k), 1).map(task).collectAsync());
      }
      StartOutcome[] outcomes = new StartOutcome[starts.size()];
      long t0 = System.nanoTime();
      long lastBeat = t0;
      int finished = 0;
      while (finished < starts.size()) {
        boolean any = false;
        for (int k = 0; k < jobs.size(); k++) {
          if (outcomes[k] == null && jobs.get(k).isDone()) {
            outcomes[k] = outcome(jobs.get(k), k);
            finished++;
            any = true;
            progress.finished(outcomes[k], finished, starts.size());
          }
        }
        long now = System.nanoTime();
        if (!any && now - lastBeat >= options.heartbeat().toNanos()) {
          progress.stillRunning(finished, starts.size(), List.of(), Duration.ofNanos(now - t0));
          lastBeat = now;
        }
        if (!any && finished < starts.size()) {
          sleep();
        }
      }
      return MultiStart.result(info, start0, List.of(outcomes), options);
    } finally {
      jobs.forEach(j -> j.cancel(true));
      model.unpersist();
    }
  }

  private static StartOutcome outcome(JavaFutureAction<List<StartOutcome>> job, int k) {
    try {
      return job.get(0, TimeUnit.MILLISECONDS).get(0);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new EngineException("start " + k + " failed on the Spark cluster (not a property of the start: the fit itself broke"
          + " there): " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("multi-start fit interrupted", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("a finished Spark job had no result", e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("multi-start fit interrupted", e);
    }
  }

  /** Runs on an executor: one start's fit. */
  private static final class FitStart implements Function<Integer, StartOutcome> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<PortableModel> model;
    private final FitOptions options;
    private final int index;
    private final double[] start;

    FitStart(Broadcast<PortableModel> model, FitOptions options, int index, double[] start) {
      this.model = model;
      this.options = options;
      this.index = index;
      this.start = start;
    }

    @Override
    public StartOutcome call(Integer ignored) {
      return MultiStart.fitOne(model.value().bind(), options, index, start, new AtomicReference<>());
    }
  }
}
