package org.phloem.engine.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.engine.ModelCode;
import org.phloem.runtime.parallel.PairwiseSum;
import org.phloem.runtime.parallel.SiteSum;

/**
 * A site sum whose sites run on Spark's executors: every evaluation is one Spark job over the sites
 * (each task a partition of them, see {@link SiteTask}); the driver puts the sites' terms in site order
 * and adds them with {@link PairwiseSum}, the order the local {@link SiteSum} uses, so cost, gradient,
 * tangent and Hessian-vector product are bitwise the local engine's for any partitioning.
 *
 * <p>Outputs ({@link #output}) are the driver's: the site asked for is bound here and run at the last
 * evaluation's point (the same code and data, so the same numbers), which costs one forward run of that
 * site and keeps the executors' results small.
 *
 * <p>Not thread-safe (like every CompiledModel); {@link #copy()} shares the executors' sites.
 */
final class SparkSiteSum implements CompiledModel {
  private final JavaSparkContext spark;
  private final ModelCode code;
  private final Broadcast<ModelCode> shippedCode;
  private final List<BoundData> sites;
  private final JavaRDD<SiteRef> refs;
  private final ModelInfo info;
  private final int[] outputSite;
  private final int[] outputIndex;
  private final Traffic traffic;
  private final CompiledModel[] local;
  private final long[] localStamp;
  private long stamp;
  private Evaluation lastKind;
  private double[] lastP;
  private double[] lastV;
  private double lastCost = Double.NaN;

  private SparkSiteSum(JavaSparkContext spark, ModelCode code, Broadcast<ModelCode> shippedCode, List<BoundData> sites,
      JavaRDD<SiteRef> refs, ModelInfo info, int[] outputSite, int[] outputIndex, Traffic traffic) {
    this.spark = spark;
    this.code = code;
    this.shippedCode = shippedCode;
    this.sites = sites;
    this.refs = refs;
    this.info = info;
    this.outputSite = outputSite;
    this.outputIndex = outputIndex;
    this.traffic = traffic;
    this.local = new CompiledModel[sites.size()];
    this.localStamp = new long[sites.size()];
  }

  static SparkSiteSum create(JavaSparkContext spark, ModelCode code, Broadcast<ModelCode> shippedCode, List<BoundData> sites,
      List<Broadcast<BoundData>> shippedData, List<String> labels, int partitions, Traffic traffic) {
    List<ModelInfo> infos = new ArrayList<>();
    for (BoundData d : sites) {
      infos.add(code.bind(d).info()); // the instance is dropped: the driver keeps only what it reports
    }
    ModelInfo info = SiteSum.infoOf(infos, labels);
    List<SiteRef> refs = new ArrayList<>();
    for (int s = 0; s < sites.size(); s++) {
      refs.add(new SiteRef(s, shippedData.get(s)));
    }
    // which site output k is: output lists are the sites' own, one after the other
    int[] outputSite = new int[info.outputs().size()];
    int[] outputIndex = new int[outputSite.length];
    int k = 0;
    for (int s = 0; s < infos.size(); s++) {
      for (int o = 0; o < infos.get(s).outputs().size(); o++) {
        outputSite[k] = s;
        outputIndex[k++] = o;
      }
    }
    return new SparkSiteSum(spark, code, shippedCode, List.copyOf(sites), spark.parallelize(refs, partitions), info, outputSite,
        outputIndex, traffic);
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public double cost(double[] p) {
    SiteRow[] rows = run(Evaluation.COST, p, null);
    return lastCost = costOf(rows);
  }

  @Override
  public double gradient(double[] p, double[] g) {
    checkLength(g);
    SiteRow[] rows = run(Evaluation.GRADIENT, p, null);
    sumVectors(rows, g);
    return lastCost = costOf(rows);
  }

  @Override
  public double tangent(double[] p, double[] dp) {
    SiteRow[] rows = run(Evaluation.TANGENT, p, dp);
    double[] d = new double[rows.length];
    for (int s = 0; s < rows.length; s++) {
      d[s] = rows[s].scalar();
    }
    lastCost = costOf(rows);
    return PairwiseSum.of(d);
  }

  @Override
  public double hessianVector(double[] p, double[] v, double[] hv) {
    checkLength(hv);
    SiteRow[] rows = run(Evaluation.HESSIAN_VECTOR, p, v);
    sumVectors(rows, hv);
    return lastCost = costOf(rows);
  }

  @Override
  public double lastCost() {
    return lastCost;
  }

  @Override
  public double[] output(int k) {
    return localSite(outputSite[k]).output(outputIndex[k]);
  }

  @Override
  public double[] outputTangent(int k) {
    return localSite(outputSite[k]).outputTangent(outputIndex[k]);
  }

  @Override
  public CompiledModel copy() {
    return new SparkSiteSum(spark, code, shippedCode, sites, refs, info, outputSite, outputIndex, traffic);
  }

  /** One Spark job: every site evaluated at {@code p} (and {@code v}); the rows in site order. */
  private SiteRow[] run(Evaluation kind, double[] p, double[] v) {
    checkLength(p);
    if (v != null) {
      checkLength(v);
    }
    SiteTask task = new SiteTask(kind, p.clone(), v == null ? null : v.clone(), shippedCode);
    traffic.sent((long) serializedSize(task) * refs.getNumPartitions());
    List<SiteRow> collected = refs.mapPartitions(task).collect();
    SiteRow[] rows = new SiteRow[sites.size()];
    for (SiteRow r : collected) {
      rows[r.site()] = r;
    }
    for (SiteRow r : rows) {
      if (r.fault() != null) {
        throw r.fault(); // the first failing site in summation order, as itself (a ModelFault stays a ModelFault)
      }
    }
    lastKind = kind;
    lastP = p.clone();
    lastV = v == null ? null : v.clone();
    stamp++;
    return rows;
  }

  private static double costOf(SiteRow[] rows) {
    double[] costs = new double[rows.length];
    for (int s = 0; s < rows.length; s++) {
      costs[s] = rows[s].cost();
    }
    return PairwiseSum.of(costs);
  }

  private static void sumVectors(SiteRow[] rows, double[] out) {
    double[][] parts = new double[rows.length][];
    for (int s = 0; s < rows.length; s++) {
      parts[s] = rows[s].vector();
    }
    PairwiseSum.into(parts, out);
  }

  /** Site {@code s} bound on the driver and brought to the last evaluation's point. */
  private CompiledModel localSite(int s) {
    if (local[s] == null) {
      local[s] = code.bind(sites.get(s));
    }
    if (lastKind != null && localStamp[s] != stamp) {
      if (lastKind == Evaluation.TANGENT) {
        local[s].tangent(lastP, lastV);
      } else {
        local[s].cost(lastP);
      }
      localStamp[s] = stamp;
    }
    return local[s];
  }

  private void checkLength(double[] a) {
    if (a.length != info.parameterCount()) {
      throw new IllegalArgumentException("vector of " + a.length + " elements; the sites share " + info.parameterCount() + " parameter slots");
    }
  }

  /** Bytes of {@code o} in Java serialization, as Spark's closure serializer sends it. */
  static int serializedSize(Object o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.size();
  }
}
