package org.phloem.engine.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.engine.EngineException;
import org.phloem.runtime.engine.EngineProvider;
import org.phloem.runtime.engine.Engines;

/** The runtime finds the Spark engine by name when this module is on the class path, and says what is missing otherwise. */
class EnginesTest {

  @Test
  void bothEnginesAreRegistered() {
    List<String> names = new ArrayList<>();
    ServiceLoader.load(EngineProvider.class).forEach(p -> names.add(p.name()));
    assertTrue(names.contains("spark"), names.toString());
    assertTrue(names.contains(Engines.LOCAL), names.toString());
  }

  @Test
  void anUnknownEngineIsNamedWithTheKnownOnes() {
    EngineException e = assertThrows(EngineException.class, () -> Engines.open("flink", null, 0));
    assertTrue(e.getMessage().contains("'flink' is not on the class path"), e.getMessage());
    assertTrue(e.getMessage().contains("spark"), e.getMessage());
  }

  @Test
  void sparkWithoutAMasterSaysWhichToGive() {
    EngineException e = assertThrows(EngineException.class, () -> SparkEngine.SparkSettings.conf(null));
    assertTrue(e.getMessage().contains("--master"), e.getMessage());
  }

  @Test
  void threadsAreTheLocalEnginesSetting() {
    EngineException e = assertThrows(EngineException.class, () -> new SparkEngineProvider().open("local[2]", 3));
    assertTrue(e.getMessage().contains("--threads"), e.getMessage());
  }

  @Test
  void localClusterGetsThisClassPathForItsExecutors() {
    // surefire sets SPARK_HOME; the folder must hold jars/ (SharedSpark makes it for the tests that start executors)
    new java.io.File(System.getenv("SPARK_HOME"), "jars").mkdirs();
    var conf = SparkEngine.SparkSettings.conf("local-cluster[2,1,1024]");
    assertEquals(System.getProperty("java.class.path"), conf.get("spark.executor.extraClassPath"));
    assertEquals("2.13", conf.get("spark.executorEnv.SPARK_SCALA_VERSION"));
  }
}
