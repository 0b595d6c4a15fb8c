package org.phloem.engine.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.engine.ModelCode;

/**
 * Runs on an executor: evaluates every site of one partition at the parameters it carries. This object
 * (with {@code p} and {@code v}) and the partition's {@link SiteRef}s are all a task ships; the class
 * bytes and the data arrive once per executor as broadcasts.
 */
final class SiteTask implements FlatMapFunction<Iterator<SiteRef>, SiteRow> {
  private static final long serialVersionUID = 1L;
  private final Evaluation kind;
  private final double[] p;
  private final double[] v;
  private final Broadcast<ModelCode> code;

  SiteTask(Evaluation kind, double[] p, double[] v, Broadcast<ModelCode> code) {
    this.kind = kind;
    this.p = p;
    this.v = v;
    this.code = code;
  }

  @Override
  public Iterator<SiteRow> call(Iterator<SiteRef> sites) {
    List<SiteRow> rows = new ArrayList<>();
    while (sites.hasNext()) {
      SiteRef site = sites.next();
      // broadcast ids restart with every application; an executor JVM (in local mode, this one) may see several
      String key = SparkEnv.get().conf().get("spark.app.id", "") + "/" + site.data().id();
      CompiledModel m = ExecutorModels.take(key, () -> code.value().bind(site.data().value()));
      try {
        rows.add(evaluate(m, site.index()));
      } catch (RuntimeException e) {
        rows.add(new SiteRow(site.index(), Double.NaN, Double.NaN, null, e));
      } finally {
        ExecutorModels.give(key, m);
      }
    }
    return rows.iterator();
  }

  private SiteRow evaluate(CompiledModel m, int site) {
    switch (kind) {
      case COST:
        return new SiteRow(site, m.cost(p), 0, null, null);
      case GRADIENT: {
        double[] g = new double[p.length];
        double j = m.gradient(p, g);
        return new SiteRow(site, j, 0, g, null);
      }
      case TANGENT: {
        double d = m.tangent(p, v);
        return new SiteRow(site, m.lastCost(), d, null, null);
      }
      default: {
        double[] hv = new double[p.length];
        double j = m.hessianVector(p, v, hv);
        return new SiteRow(site, j, 0, hv, null);
      }
    }
  }
}
