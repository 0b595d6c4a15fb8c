package org.phloem.engine.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.engine.LocalEngine;
import org.phloem.runtime.engine.ModelCode;

/**
 * A site sum on Spark (local[2]: executors are threads of this JVM, but every task and result is
 * serialized as on a cluster) gives the local engine's cost, gradient, tangent and Hessian-vector
 * product bit for bit, for any cutting of the sites into tasks.
 */
class SparkSiteSumTest {
  static final int SITES = 5;
  static ModelCode code;
  static List<BoundData> sites;
  static List<String> labels;

  @BeforeAll
  static void compile() throws Exception {
    code = TestModels.code(TestModels.compile("bethy_lite/bethy_lite.phl"));
    sites = TestModels.bethyLiteSites(SITES, 3, 2 * 365 + 30, 16);
    labels = TestModels.numbered(SITES);
  }

  /** Points inside the bounds: the prior means, and draws around them. */
  static double[] point(ModelInfo info, Random random) {
    double[] p = info.priorMeans();
    for (var param : info.params()) {
      for (int i = 0; i < param.size(); i++) {
        int slot = param.offset() + i;
        p[slot] = p[slot] * (0.8 + 0.4 * random.nextDouble());
      }
    }
    return p;
  }

  @Test
  void everySweepIsBitwiseTheLocalEngines() {
    CompiledModel local = new LocalEngine(1).siteSum(code, sites, labels);
    SparkEngine spark = SharedSpark.engine("local[2]");
    Random random = new Random(7);
    for (int partitions : new int[] {1, 2, SITES}) {
      CompiledModel remote = spark.siteSum(code, sites, labels, partitions);
      assertEquals(local.info().parameterCount(), remote.info().parameterCount());
      assertEquals(local.info().outputs().size(), remote.info().outputs().size());
      double[] p = point(local.info(), random);
      double[] v = point(local.info(), random);
      int n = p.length;
      assertEquals(bits(local.cost(p)), bits(remote.cost(p)), "cost, " + partitions + " partitions");
      double[] g1 = new double[n];
      double[] g2 = new double[n];
      assertEquals(bits(local.gradient(p, g1)), bits(remote.gradient(p, g2)));
      assertArrayEquals(g1, g2, "gradient, " + partitions + " partitions"); // no delta: equal bits
      assertEquals(bits(local.tangent(p, v)), bits(remote.tangent(p, v)), "tangent");
      assertEquals(bits(local.lastCost()), bits(remote.lastCost()));
      double[] h1 = new double[n];
      double[] h2 = new double[n];
      assertEquals(bits(local.hessianVector(p, v, h1)), bits(remote.hessianVector(p, v, h2)));
      assertArrayEquals(h1, h2, "Hessian-vector product");
      assertTrue(norm(g1) > 0, "a gradient that is zero would prove nothing");
    }
  }

  @Test
  void outputsAreTheSitesOwnAtTheLastPoint() {
    CompiledModel local = new LocalEngine(2).siteSum(code, sites, labels);
    CompiledModel remote = SharedSpark.engine("local[2]").siteSum(code, sites, labels);
    double[] p = point(local.info(), new Random(3));
    local.cost(p);
    remote.cost(p);
    for (int k = 0; k < local.info().outputs().size(); k++) {
      assertEquals(local.info().outputs().get(k).name(), remote.info().outputs().get(k).name());
      assertArrayEquals(local.output(k), remote.output(k), local.info().outputs().get(k).name());
    }
  }

  @Test
  void theTrafficOfAnEvaluationIsCounted() {
    SparkEngine spark = SharedSpark.engine("local[2]");
    CompiledModel remote = spark.siteSum(code, sites, labels, 2);
    double[] p = remote.info().priorMeans();
    Traffic.Counts before = spark.traffic().counts();
    remote.gradient(p, new double[p.length]);
    spark.traffic().settle(spark.context());
    Traffic.Counts one = spark.traffic().counts().minus(before);
    assertEquals(1, one.jobs());
    assertEquals(2, one.tasks());
    // each site sends its cost and a gradient of p.length doubles back; each task carries p
    assertTrue(one.resultBytes() >= SITES * (p.length + 1) * 8L, "results: " + one);
    assertTrue(one.sentBytes() >= 2 * p.length * 8L, "sent: " + one);
  }

  private static long bits(double x) {
    return Double.doubleToRawLongBits(x);
  }

  private static double norm(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
