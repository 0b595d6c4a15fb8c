package org.phloem.engine.spark;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts what crosses between driver and executors: jobs and tasks run, and the bytes of the task
 * results the executors send back (Spark's own {@code resultSize} metric). What the driver sends per
 * task (the serialized function with the parameter vector, and the partition's site handles) is counted
 * by the senders themselves with {@link #sent}.
 */
public final class Traffic extends SparkListener {
  private final AtomicLong jobs = new AtomicLong();
  private final AtomicLong tasks = new AtomicLong();
  private final AtomicLong resultBytes = new AtomicLong();
  private final AtomicLong sentBytes = new AtomicLong();

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    jobs.incrementAndGet();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    tasks.incrementAndGet();
    if (taskEnd.taskMetrics() != null) {
      resultBytes.addAndGet(taskEnd.taskMetrics().resultSize());
    }
  }

  /**
   * Waits until Spark has told this listener about every event so far (listeners hear of a task's end
   * after the job's result is back).
   */
  public void settle(org.apache.spark.api.java.JavaSparkContext spark) {
    try {
      spark.sc().listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not empty", e);
    }
  }

  /** Adds {@code bytes} sent to the executors. */
  void sent(long bytes) {
    sentBytes.addAndGet(bytes);
  }

  /** The counts so far. */
  public Counts counts() {
    return new Counts(jobs.get(), tasks.get(), sentBytes.get(), resultBytes.get());
  }

  /**
   * Counts at one moment; subtract two to get what one evaluation cost.
   *
   * @param jobs Spark jobs started
   * @param tasks tasks ended
   * @param sentBytes serialized functions and partitions sent to executors (one per task)
   * @param resultBytes task results received (Spark's resultSize)
   */
  public record Counts(long jobs, long tasks, long sentBytes, long resultBytes) {
    /** This minus {@code earlier}. */
    public Counts minus(Counts earlier) {
      return new Counts(jobs - earlier.jobs, tasks - earlier.tasks, sentBytes - earlier.sentBytes, resultBytes - earlier.resultBytes);
    }
  }
}
