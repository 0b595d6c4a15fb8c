package org.phloem.tests.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A model's gradient / forward in two (or more) checkouts side by side in ONE JVM: each
 * checkout's compiled classes ({@code tests/target/test-classes} and its {@code cp.txt}) in a class loader
 * of its own, so each compiles, loads and JITs its own model; a warm-up per checkout, then rounds
 * interleaved (a batch of forwards, then of gradients, per checkout and round), timed by the calling
 * thread's CPU. Load then falls on all checkouts alike, which launches one after the other cannot promise.
 *
 * <pre>
 * # in each checkout: mvn -q -B -pl tests -am test-compile dependency:build-classpath -Dmdep.outputFile=$PWD/cp.txt -Dmdep.includeScope=test
 * java -Xss16m -cp tests/target/test-classes org.phloem.tests.bench.CheckoutRatioAB 50 11 6 20 /path/to/before /path/to/after
 * java -Xss16m -cp tests/target/test-classes org.phloem.tests.bench.CheckoutRatioAB bethy/hyytiala.phl 11 6 20 /path/to/before /path/to/after
 * </pre>
 * Arguments: the model (a number n: the sites model with n sites at the benchmarks' test point; otherwise
 * a file under {@code models/}, at its prior means, bound to the checkout's {@code data/}; {@code
 * transport/flux_inversion.phl}, which has none there, to the transport tests' fixture), rounds, warm-up
 * seconds of thread CPU per checkout, batch milliseconds of forward, then the checkouts. Prints one {@code AB} line per checkout: medians of forward and gradient µs per call
 * and of the ratio (its quartiles).
 *
 * <p>A checkout may carry compiler switches for its side only: {@code /path/to/after@phloem.methodBudget=2000}
 * (several joined by {@code ,}) sets those system properties while that side's model is compiled, so one
 * checkout against itself with a switch flipped is a side-by-side comparison too.
 */
public final class CheckoutRatioAB {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CheckoutRatioAB() {}

  /** One checkout's model: its cost and gradient bound to it, and the point they run at. */
  private record Side(String name, MethodHandle cost, MethodHandle gradient, double[] p, double[] g) {}

  public static void main(String[] argv) throws Throwable {
    String model = argv[0];
    int reps = Integer.parseInt(argv[1]);
    double warmupSeconds = Double.parseDouble(argv[2]);
    double batchMillis = Double.parseDouble(argv[3]);
    List<Side> sides = new ArrayList<>();
    for (int i = 4; i < argv.length; i++) {
      sides.add(loadWithSwitches(argv[i], model));
    }
    int[] batch = new int[sides.size()];
    for (int i = 0; i < sides.size(); i++) {
      batch[i] = warmUp(sides.get(i), warmupSeconds, batchMillis);
    }
    double[][] forward = new double[sides.size()][reps];
    double[][] gradient = new double[sides.size()][reps];
    double[][] ratio = new double[sides.size()][reps];
    for (int r = 0; r < reps; r++) {
      for (int i = 0; i < sides.size(); i++) {
        Side s = sides.get(i);
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int j = 0; j < batch[i]; j++) {
          double c = (double) s.cost().invokeExact(s.p());
        }
        long t1 = THREADS.getCurrentThreadCpuTime();
        for (int j = 0; j < batch[i]; j++) {
          double c = (double) s.gradient().invokeExact(s.p(), s.g());
        }
        long t2 = THREADS.getCurrentThreadCpuTime();
        forward[i][r] = (t1 - t0) / 1e3 / batch[i];
        gradient[i][r] = (t2 - t1) / 1e3 / batch[i];
        ratio[i][r] = (double) (t2 - t1) / (t1 - t0);
      }
    }
    for (int i = 0; i < sides.size(); i++) {
      System.out.printf(Locale.ROOT, "AB %s model=%s forward_us=%.4g gradient_us=%.4g ratio=%.3f (q1 %.3f q3 %.3f) load=%.1f%n",
          sides.get(i).name(), model, quantile(forward[i], 0.5), quantile(gradient[i], 0.5), quantile(ratio[i], 0.5),
          quantile(ratio[i], 0.25), quantile(ratio[i], 0.75), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** A side given as {@code path} or {@code path@key=value,key=value}: the switches hold while it compiles. */
  private static Side loadWithSwitches(String arg, String model) throws Throwable {
    int at = arg.indexOf('@');
    String path = at < 0 ? arg : arg.substring(0, at);
    List<String> keys = new ArrayList<>();
    if (at >= 0) {
      for (String kv : arg.substring(at + 1).split(",")) {
        int eq = kv.indexOf('=');
        keys.add(kv.substring(0, eq));
        System.setProperty(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    try {
      Side s = load(Path.of(path).toAbsolutePath(), model);
      return at < 0 ? s : new Side(s.name() + "@" + arg.substring(at + 1), s.cost(), s.gradient(), s.p(), s.g());
    } finally {
      keys.forEach(System::clearProperty);
    }
  }

  /** The model compiled by the checkout at {@code root}, in a class loader of its own. */
  private static Side load(Path root, String name) throws Throwable {
    List<URL> urls = new ArrayList<>();
    urls.add(root.resolve("tests/target/test-classes").toUri().toURL());
    for (String entry : Files.readString(root.resolve("cp.txt")).trim().split(":")) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    System.setProperty("phloem.repo", root.toString()); // where this checkout's BenchModels find the data
    Class<?> models = Class.forName("org.phloem.tests.bench.BenchModels", true, loader);
    Class<?> compiled = Class.forName("org.phloem.runtime.CompiledModel", true, loader);
    MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(models, MethodHandles.lookup());
    Object model;
    double[] p;
    if (name.matches("\\d+")) {
      model = lookup.findStatic(models, "sites", MethodType.methodType(compiled, int.class)).invoke(Integer.parseInt(name));
      p = (double[]) lookup.findStatic(models, "testPoint", MethodType.methodType(double[].class, compiled, long.class))
          .invoke(model, 3L);
    } else {
      if (name.equals("transport/flux_inversion.phl")) {
        // no data in data/: bound to the transport tests' fixture, as EveryModelRatioBench binds it
        Class<?> fixture = Class.forName("org.phloem.tests.transport.FluxInversionData", true, loader);
        model = MethodHandles.publicLookup().findStatic(fixture, "bind", MethodType.methodType(compiled, Path.class))
            .invoke(Files.createTempDirectory("ab-flux"));
      } else {
        Class<?> repo = Class.forName("org.phloem.tests.support.Repo", true, loader);
        model = MethodHandles.publicLookup().findStatic(repo, "load", MethodType.methodType(compiled, String.class)).invoke(name);
      }
      Object info = MethodHandles.publicLookup().findVirtual(compiled, "info",
          MethodType.methodType(Class.forName("org.phloem.runtime.ModelInfo", true, loader))).invoke(model);
      p = (double[]) MethodHandles.publicLookup().findVirtual(info.getClass(), "priorMeans", MethodType.methodType(double[].class))
          .invoke(info);
    }
    MethodHandle cost = MethodHandles.publicLookup()
        .findVirtual(compiled, "cost", MethodType.methodType(double.class, double[].class)).bindTo(model);
    MethodHandle gradient = MethodHandles.publicLookup()
        .findVirtual(compiled, "gradient", MethodType.methodType(double.class, double[].class, double[].class)).bindTo(model);
    return new Side(root.getFileName().toString(), cost, gradient, p, new double[p.length]);
  }

  /** Pairs for {@code seconds} of thread CPU; returns the batch that takes about {@code millis} of forward. */
  private static int warmUp(Side s, double seconds, double millis) throws Throwable {
    long start = THREADS.getCurrentThreadCpuTime();
    long forward = 0;
    int pairs = 0;
    while (THREADS.getCurrentThreadCpuTime() - start < seconds * 1e9) {
      long f0 = THREADS.getCurrentThreadCpuTime();
      double c = (double) s.cost().invokeExact(s.p());
      forward += THREADS.getCurrentThreadCpuTime() - f0;
      double c2 = (double) s.gradient().invokeExact(s.p(), s.g());
      pairs++;
    }
    return (int) Math.max(1, Math.round(millis * 1e6 / ((double) forward / pairs)));
  }

  private static double quantile(double[] x, double q) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s[(int) (q * (s.length - 1) + 0.5)];
  }
}
