package org.phloem.tests.scalebench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phloem.compiler.ad.AutoDiff;
import org.phloem.compiler.ad.CheckpointOptions;
import org.phloem.compiler.codegen.LoadedModel;
import org.phloem.compiler.driver.Compilation;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.Revolve;
import org.phloem.runtime.RevolvePlan;

/**
 * {@link HourlyBethyBench}{@code --schedule}: the binomial schedule (revolve) against the nested ones at
 * equal memory, side by side in one JVM on the same bound data. Each nested schedule ({@code nestedL},
 * L levels) runs first to measure the tape it holds (snapshots and segment tapes, its high-water mark);
 * revolve then gets exactly that as its tape budget ({@code revolve@nestedL}); {@code revolve} alone is
 * the default budget. Rounds interleave every variant and the plain gradient; each gradient's thread CPU
 * time is recorded, and the ratio of medians checkpointed / plain is the price of the recomputation.
 */
final class ScheduleComparison {
  private ScheduleComparison() {}

  /** One way to run the gradient. */
  private record Variant(String name, GeneratedModel model, boolean checkpointed, List<Double> seconds, long[] peak) {}

  static void run(Compilation compiled, GeneratedModel model, List<String> schedules, int reps) throws Exception {
    double[] p = model.info().priorMeans();
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("plain", model, false, new ArrayList<>(), new long[1]));
    Map<String, Long> nestedPeaks = new LinkedHashMap<>();
    for (String s : schedules) {
      if (s.startsWith("nested")) {
        int levels = Integer.parseInt(s.substring("nested".length()));
        GeneratedModel nested = (GeneratedModel) LoadedModel.load(
            AutoDiff.differentiate(compiled.forward(), CheckpointOptions.always(0, levels))).bind(model.data());
        nested.setCheckpointing(true);
        nested.tape().resetPeak();
        nested.gradient(p, new double[p.length]);
        nestedPeaks.put(s, nested.tape().peakBytes());
        variants.add(new Variant(s, nested, true, new ArrayList<>(), new long[1]));
      } else if (!s.equals("revolve")) {
        throw new IllegalArgumentException("--schedule takes revolve and nestedL (L levels), got " + s);
      }
    }
    if (schedules.contains("revolve")) {
      for (Map.Entry<String, Long> e : nestedPeaks.entrySet()) {
        GeneratedModel r = (GeneratedModel) model.copy();
        r.setTapeBudget(e.getValue());
        r.setCheckpointing(true);
        variants.add(new Variant("revolve@" + e.getKey(), r, true, new ArrayList<>(), new long[1]));
      }
      GeneratedModel r = (GeneratedModel) model.copy();
      r.setCheckpointing(true);
      variants.add(new Variant("revolve@default", r, true, new ArrayList<>(), new long[1]));
    }
    double[] reference = new double[p.length];
    double[][] last = new double[variants.size()][p.length];
    for (int rep = 0; rep < reps; rep++) {
      for (int k = 0; k < variants.size(); k++) {
        Variant v = variants.get(k);
        v.model().setCheckpointing(v.checkpointed());
        v.model().tape().resetPeak();
        v.model().tape().schedule().resetCounters();
        double[] g = last[k];
        Clock t = Clock.time(() -> v.model().gradient(p, g));
        v.peak()[0] = v.model().tape().peakBytes();
        if (rep > 0) { // the first round warms up
          v.seconds().add(t.threadCpuSeconds());
        }
        System.out.printf(Locale.ROOT, "RESULT kind=schedule_gradient variant=%s rep=%d tape_peak_bytes=%d %s%s%n", v.name(), rep,
            v.peak()[0], t.fields("gradient"), planFields(v));
      }
    }
    System.arraycopy(last[0], 0, reference, 0, p.length);
    double plain = median(variants.get(0).seconds());
    System.out.printf(Locale.ROOT, "RESULT kind=schedule_summary load=%s%n", Clock.loadAverage());
    for (int k = 0; k < variants.size(); k++) {
      Variant v = variants.get(k);
      double m = median(v.seconds());
      System.out.printf(Locale.ROOT,
          "RESULT kind=schedule_row variant=%s median_thread_cpu_s=%.4f iqr_s=%.4f..%.4f ratio_to_plain=%.3f tape_peak_bytes=%d"
              + " same_bits_as_plain=%s%s%n",
          v.name(), m, quantile(v.seconds(), 0.25), quantile(v.seconds(), 0.75), m / plain, v.peak()[0],
          Arrays.equals(reference, last[k]), planFields(v));
    }
  }

  private static String planFields(Variant v) {
    Revolve r = v.model().tape().schedule();
    RevolvePlan plan = r.plan();
    if (!v.name().startsWith("revolve") || plan == null) {
      return "";
    }
    // the plan shown is the last loop's (each loop plans within its share of the budget); the counts are over all loops
    return String.format(Locale.ROOT, " budget_bytes=%d last_loop_leaf=%d leaves=%d snapshots=%d advanced_steps=%d planned_advances=%d peak_snapshots=%d",
        r.budget(), plan.leaf(), plan.leaves(), plan.snapshots(), r.advancedSteps(), r.plannedSteps(), r.peakSnapshots());
  }

  private static double median(List<Double> xs) {
    return quantile(xs, 0.5);
  }

  private static double quantile(List<Double> xs, double q) {
    double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (s.length == 0) {
      return Double.NaN;
    }
    double at = q * (s.length - 1);
    int lo = (int) Math.floor(at);
    int hi = Math.min(s.length - 1, lo + 1);
    return s[lo] + (at - lo) * (s[hi] - s[lo]);
  }
}
