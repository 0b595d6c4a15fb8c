package org.phloem.engine.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.engine.LocalEngine;

/**
 * The same bitwise guarantees with executors in JVMs of their own (local-cluster[2,1,1024]): the class
 * bytes, data, parameters and results cross real process boundaries. Starting two executor JVMs takes
 * tens of seconds on a loaded 2-core machine, so this runs with -Plong.
 */
@Tag("long")
class LocalClusterTest {
  static final String MASTER = "local-cluster[2,1,1024]";

  @Test
  void aSiteSumOnExecutorJvmsIsBitwiseTheLocalEngines() throws Exception {
    SparkSiteSumTest.compile();
    CompiledModel local = new LocalEngine(2).siteSum(SparkSiteSumTest.code, SparkSiteSumTest.sites, SparkSiteSumTest.labels);
    CompiledModel remote = SharedSpark.engine(MASTER).siteSum(SparkSiteSumTest.code, SparkSiteSumTest.sites, SparkSiteSumTest.labels);
    double[] p = SparkSiteSumTest.point(local.info(), new Random(11));
    double[] v = SparkSiteSumTest.point(local.info(), new Random(12));
    double[] g1 = new double[p.length];
    double[] g2 = new double[p.length];
    assertEquals(Double.doubleToRawLongBits(local.gradient(p, g1)), Double.doubleToRawLongBits(remote.gradient(p, g2)));
    assertArrayEquals(g1, g2);
    double[] h1 = new double[p.length];
    double[] h2 = new double[p.length];
    local.hessianVector(p, v, h1);
    remote.hessianVector(p, v, h2);
    assertArrayEquals(h1, h2);
  }

  @Test
  void startsOnExecutorJvmsEndWhereTheLocalEnginesEnd() throws Exception {
    SparkStartsTest.sameAsLocal(MASTER);
  }
}
