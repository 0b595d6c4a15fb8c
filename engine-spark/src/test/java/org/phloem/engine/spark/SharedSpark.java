package org.phloem.engine.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One Spark context for all the module's tests (starting one takes seconds; a JVM holds one at a time):
 * asked for another master, it stops the running one first.
 */
final class SharedSpark {
  private static JavaSparkContext context;
  private static String master;

  private SharedSpark() {}

  static synchronized SparkEngine engine(String wanted) {
    if (context != null && !wanted.equals(master)) {
      context.stop();
      context = null;
    }
    if (context == null) {
      if (wanted.startsWith("local-cluster")) {
        makeSparkHome();
      }
      context = new JavaSparkContext(SparkEngine.SparkSettings.conf(wanted));
      master = wanted;
    }
    return SparkEngine.on(context);
  }

  /** surefire points SPARK_HOME at target/spark-home; its jars/ folder must exist (empty is fine). */
  private static void makeSparkHome() {
    String home = System.getenv("SPARK_HOME");
    if (home == null) {
      throw new IllegalStateException("SPARK_HOME is not set: run these tests through Maven (the module's surefire settings set it)");
    }
    try {
      Files.createDirectories(Path.of(home, "jars"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
