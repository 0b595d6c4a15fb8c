package org.phloem.tests.scalebench;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.engine.spark.SparkEngine;
import org.phloem.engine.spark.Traffic;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.engine.LocalEngine;
import org.phloem.runtime.engine.ModelCode;
import org.phloem.runtime.engine.PortableModel;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.multistart.MultiStartOptions;
import org.phloem.runtime.multistart.MultiStartResult;
import org.phloem.runtime.multistart.StartProgress;
import org.phloem.runtime.synth.Options;
import org.phloem.tests.support.Repo;

/**
 * Issue 16's benchmark: the Spark engine against the local engine on the same cores. (1) One gradient of
 * global BETHY-lite on the synthetic climate, its cells in blocks (the sites of a site sum): local engine
 * with 2 threads against Spark on {@code --master} (default local-cluster[2,1,1024]: two executor JVMs of
 * one core each); (2) a multi-start fit of DALEC (Oregon), local engine with 2 threads against the same
 * master. {@code --warmup} unmeasured rounds of each come first (the executors' JIT). Time is wall time and CPU time; the CPU time of the Spark runs adds the executor JVMs' (child
 * processes of this one) to the driver's. Also: whether the results are the same bits, and the bytes
 * that cross between driver and executors per evaluation.
 *
 * <pre>
 * java -Xmx3g --add-opens ... -cp TESTS_CLASSPATH org.phloem.tests.scalebench.SparkEngineBench \
 *     --resolution 4 --years 10 --block 50 --warmup 3 --rounds 5 --starts 4 --master 'local-cluster[2,1,1024]'
 * </pre>
 * SPARK_HOME must name a folder with a jars/ subfolder (see engine-spark/README.md). Prints {@code RESULT}
 * lines.
 */
public final class SparkEngineBench {
  private SparkEngineBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    double resolution = args.real("resolution", 4);
    int years = args.integer("years", 10);
    int blockSize = args.integer("block", 50);
    int rounds = args.integer("rounds", 3);
    int starts = args.integer("starts", 4);
    int warmups = args.integer("warmup", 3);
    String master = args.text("master", "local-cluster[2,1,1024]");

    Compilation compilation = GlobalBethyLite.compile();
    Options options = GlobalBethyLite.options(resolution, years, 2);
    List<Map<String, double[]>> forcing = GlobalBethyLite.forcing(options, blockSize);
    int days = org.phloem.runtime.synth.SyntheticClimate.daysOfYear(options).length;
    List<BoundData> sites = new ArrayList<>();
    for (CompiledModel b : GlobalBethyLite.bind(compilation, forcing, days)) {
      sites.add(((GeneratedModel) b).data());
    }
    List<String> labels = GlobalBethyLite.blockLabels(sites.size());
    ModelCode code = new ModelCode(compilation.loaded().binaryName(), compilation.loaded().bytes(), compilation.loaded().layout());
    long dataBytes = 0;
    for (BoundData d : sites) {
      dataBytes += serializedSize(d);
    }
    System.out.printf(Locale.ROOT, "RESULT kind=setup cells=%d days=%d blocks=%d code_bytes=%d data_bytes=%d master=%s%n",
        options.grid().cells().size(), days, sites.size(), serializedSize(code), dataBytes, master);

    try (LocalEngine localEngine = new LocalEngine(2); SparkEngine spark = SparkEngine.connect(master)) {
      CompiledModel local = localEngine.siteSum(code, sites, labels);
      CompiledModel remote = spark.siteSum(code, sites, labels);
      double[] p = local.info().priorMeans();
      double[] gl = new double[p.length];
      double[] gr = new double[p.length];
      Measure first = Measure.of(() -> remote.gradient(p, gr));
      System.out.printf(Locale.ROOT, "RESULT kind=first_remote_gradient %s (ships the data, defines the class, binds every block)%n", first);
      for (int w = 0; w < warmups; w++) { // JIT: the executors' generated code is compiled only after some calls
        local.gradient(p, gl);
        remote.gradient(p, gr);
      }
      for (int round = 0; round < rounds; round++) {
        Measure l = Measure.of(() -> local.gradient(p, gl));
        Traffic.Counts before = spark.traffic().counts();
        Measure r = Measure.of(() -> remote.gradient(p, gr));
        spark.traffic().settle(spark.context());
        Traffic.Counts t = spark.traffic().counts().minus(before);
        System.out.printf(Locale.ROOT, "RESULT kind=gradient round=%d local: %s spark: %s wall_ratio=%.2f cpu_ratio=%.2f same_bits=%s "
            + "tasks=%d sent_bytes=%d result_bytes=%d%n", round, l, r, r.wall / l.wall, r.cpu / l.cpu, Arrays.equals(gl, gr), t.tasks(),
            t.sentBytes(), t.resultBytes());
      }

      PortableModel dalec = portable("dalec/oregon.phl");
      CompiledModel model = dalec.bind();
      MultiStartOptions ms = MultiStartOptions.of(starts, 1).withThreads(2).withHeartbeat(Duration.ofHours(1));
      System.out.printf(Locale.ROOT, "RESULT kind=multistart_setup model_bytes=%d starts=%d%n", serializedSize(dalec), starts);
      for (int w = 0; w < warmups; w++) {
        localEngine.multiStart(model, dalec, FitOptions.defaults(), ms, StartProgress.NONE);
        spark.multiStart(model, dalec, FitOptions.defaults(), ms, StartProgress.NONE);
      }
      for (int round = 0; round < rounds; round++) {
        MultiStartResult[] a = new MultiStartResult[1];
        MultiStartResult[] b = new MultiStartResult[1];
        Measure l = Measure.of(() -> a[0] = localEngine.multiStart(model, dalec, FitOptions.defaults(), ms, StartProgress.NONE));
        Traffic.Counts before = spark.traffic().counts();
        Measure r = Measure.of(() -> b[0] = spark.multiStart(model, dalec, FitOptions.defaults(), ms, StartProgress.NONE));
        spark.traffic().settle(spark.context());
        Traffic.Counts t = spark.traffic().counts().minus(before);
        boolean same = true;
        for (int k = 0; k < starts; k++) {
          same &= Double.doubleToRawLongBits(a[0].outcomes().get(k).cost()) == Double.doubleToRawLongBits(b[0].outcomes().get(k).cost())
              && Arrays.equals(a[0].outcomes().get(k).result().parameters(), b[0].outcomes().get(k).result().parameters());
        }
        System.out.printf(Locale.ROOT, "RESULT kind=multistart round=%d local: %s spark: %s wall_ratio=%.2f cpu_ratio=%.2f same_bits=%s "
            + "result_bytes=%d%n", round, l, r, r.wall / l.wall, r.cpu / l.cpu, same, t.resultBytes());
      }
    }
  }

  static PortableModel portable(String model) throws Exception {
    Compilation c = Pipeline.compile(Repo.model(model), true);
    GeneratedModel bound = (GeneratedModel) c.bind(Repo.root().resolve("data"));
    return new PortableModel(new ModelCode(c.loaded().binaryName(), c.loaded().bytes(), c.loaded().layout()), bound.data());
  }

  static int serializedSize(Object o) throws java.io.IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.size();
  }

  /** Wall time, and CPU time of this JVM and every process it started (the executors of local-cluster). */
  record Measure(double wall, double cpu, String load) {
    static Measure of(Clock.Work work) throws Exception {
      long cpu0 = cpuWithChildren();
      String load = Clock.loadAverage();
      long t0 = System.nanoTime();
      work.run();
      long t1 = System.nanoTime();
      return new Measure((t1 - t0) / 1e9, (cpuWithChildren() - cpu0) / 1e9, load);
    }

    static long cpuWithChildren() {
      long total = Clock.processCpuNanos();
      for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
        total += child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
      }
      return total;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "wall_s=%.3f cpu_s=%.3f load=%s", wall, cpu, load);
    }
  }
}
