package org.phloem.engine.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.engine.Engine;
import org.phloem.runtime.engine.EngineException;
import org.phloem.runtime.engine.ModelCode;
import org.phloem.runtime.engine.PortableModel;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.multistart.MultiStartOptions;
import org.phloem.runtime.multistart.MultiStartResult;
import org.phloem.runtime.multistart.StartProgress;

/**
 * Apache Spark as the engine: the sites of a site sum and the starts of a multi-start fit run as Spark
 * tasks on the executors; the driver (this JVM) runs the minimizer and adds the sites' terms in the
 * fixed pairwise order. Models cross as class bytes ({@link ModelCode}), data as broadcasts of what the
 * driver bound (see the module's README for why).
 */
public final class SparkEngine implements Engine {
  private final JavaSparkContext spark;
  private final boolean owned;
  private final Traffic traffic = new Traffic();

  private SparkEngine(JavaSparkContext spark, boolean owned) {
    this.spark = spark;
    this.owned = owned;
    spark.sc().addSparkListener(traffic);
  }

  /**
   * Connects to {@code master} (null: the one spark-submit gives in {@code spark.master}); the engine
   * stops the context when closed.
   */
  public static SparkEngine connect(String master) {
    return new SparkEngine(new JavaSparkContext(SparkSettings.conf(master)), true);
  }

  /** An engine on a context someone else owns (tests share one); closing it leaves the context running. */
  public static SparkEngine on(JavaSparkContext spark) {
    return new SparkEngine(spark, false);
  }

  /** The context the work runs on. */
  public JavaSparkContext context() {
    return spark;
  }

  /** What crossed between driver and executors since the engine opened (see {@link Traffic}). */
  public Traffic traffic() {
    return traffic;
  }

  @Override
  public String description() {
    return "spark " + spark.master() + " (" + spark.defaultParallelism() + " task slot" + (spark.defaultParallelism() == 1 ? "" : "s") + ")";
  }

  @Override
  public CompiledModel siteSum(ModelCode code, List<BoundData> sites, List<String> labels) {
    return siteSum(code, sites, labels, Math.min(sites.size(), spark.defaultParallelism()));
  }

  /** The same, with the sites cut into {@code partitions} tasks (the results do not depend on it). */
  CompiledModel siteSum(ModelCode code, List<BoundData> sites, List<String> labels, int partitions) {
    if (sites.isEmpty()) {
      throw new IllegalArgumentException("a site sum needs at least one site");
    }
    if (labels.size() != sites.size()) {
      throw new IllegalArgumentException(labels.size() + " labels for " + sites.size() + " sites");
    }
    Broadcast<ModelCode> shippedCode = spark.broadcast(code);
    List<Broadcast<BoundData>> shippedData = new ArrayList<>();
    for (BoundData d : sites) {
      shippedData.add(spark.broadcast(d));
    }
    return SparkSiteSum.create(spark, code, shippedCode, sites, shippedData, labels, partitions, traffic);
  }

  @Override
  public MultiStartResult multiStart(CompiledModel model, PortableModel portable, FitOptions base, MultiStartOptions options,
      StartProgress progress) {
    return SparkStarts.run(spark, portable, base, options, progress);
  }

  @Override
  public void close() {
    spark.sc().removeSparkListener(traffic);
    if (owned) {
      spark.stop();
    }
  }

  /** Settings that every Phloem Spark context gets. */
  static final class SparkSettings {
    private SparkSettings() {}

    static SparkConf conf(String master) {
      SparkConf conf = new SparkConf(true); // spark.* system properties: what spark-submit sets
      if (master != null) {
        conf.setMaster(master);
      }
      if (!conf.contains("spark.master")) {
        throw new EngineException("--engine spark needs --master URL: local[*] (this JVM), local-cluster[N,C,MB] (N executor JVMs on this"
            + " machine), spark://HOST:7077 (a cluster); or a run through spark-submit, which gives it");
      }
      conf.setIfMissing("spark.app.name", "phloem");
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.ui.showConsoleProgress", "false");
      String m = conf.get("spark.master");
      if (m.startsWith("local-cluster")) {
        localCluster(conf);
      }
      return conf;
    }

    /**
     * local-cluster starts its executors as new JVMs the way a standalone worker does: with the class
     * path of {@code $SPARK_HOME/jars} (which a Maven build has not got) plus {@code
     * spark.executor.extraClassPath}. Phloem gives them this JVM's whole class path, and needs a
     * SPARK_HOME whose jars/ folder exists (it may be empty); the launcher ./phloem makes one.
     */
    private static void localCluster(SparkConf conf) {
      String home = System.getenv("SPARK_HOME");
      if (home == null || !Files.isDirectory(Path.of(home, "jars"))) {
        throw new EngineException("local-cluster starts executor JVMs the way a Spark installation does and needs SPARK_HOME set to a"
            + " folder with a jars/ subfolder (it may be empty: the executors get this JVM's class path). ./phloem sets it; SPARK_HOME is "
            + (home == null ? "not set" : home));
      }
      conf.setIfMissing("spark.executorEnv.SPARK_SCALA_VERSION", "2.13");
      conf.setIfMissing("spark.executor.extraClassPath", System.getProperty("java.class.path"));
    }
  }
}
