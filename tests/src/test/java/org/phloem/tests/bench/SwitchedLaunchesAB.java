package org.phloem.tests.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phloem.tests.scalebench.ChildJvm;

/**
 * Two JVM configurations of this checkout compared in alternating fresh launches: for switches that act
 * on the whole JVM (the JIT directive of {@code SeparateSweepMethods}), which {@link CheckoutRatioAB}'s
 * per-side switches cannot separate in one JVM. Each launch runs {@link CheckoutRatioAB} on this checkout
 * alone; launch k runs configuration A then B (B then A when k is odd), so drift in the machine falls on
 * both. Prints every launch's line and, per configuration, the medians over launches of the forward,
 * gradient and ratio medians.
 *
 * <pre>
 * java -Xss16m -Dphloem.repo=$PWD -cp tests/target/test-classes:$(cat cp.txt) org.phloem.tests.bench.SwitchedLaunchesAB \
 *     ccdas/fossil_gradient.phl 3 "11 20 20" "-Dphloem.nestMethods=false -Dphloem.inlineSweepMethods=true" ""
 * </pre>
 * Arguments: the model (as {@link CheckoutRatioAB} takes it), launches per configuration, {@link CheckoutRatioAB}'s
 * rounds, warm-up seconds and batch milliseconds (one argument), then the JVM options of A and of B
 * (space-separated; empty for the defaults).
 */
public final class SwitchedLaunchesAB {
  private static final Pattern LINE = Pattern.compile("forward_us=(\\S+) gradient_us=(\\S+) ratio=(\\S+)");

  private SwitchedLaunchesAB() {}

  public static void main(String[] argv) throws Exception {
    String model = argv[0];
    int launches = Integer.parseInt(argv[1]);
    List<String> timing = List.of(argv[2].trim().split("\\s+"));
    List<List<String>> options = List.of(words(argv[3]), words(argv[4]));
    String root = System.getProperty("phloem.repo", ".");
    double[][][] figures = new double[2][3][launches];
    for (int k = 0; k < launches; k++) {
      for (int turn = 0; turn < 2; turn++) {
        int config = (k % 2 == 0) ? turn : 1 - turn;
        List<String> args = new ArrayList<>(List.of(model));
        args.addAll(timing);
        args.add(root);
        ChildJvm.Run run = ChildJvm.run(CheckoutRatioAB.class, 2048, options.get(config), args, false);
        String line = run.output().stream().filter(l -> l.startsWith("AB ")).findFirst()
            .orElseThrow(() -> new IllegalStateException("no result from " + run.command() + ": " + run.output()));
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
          throw new IllegalStateException("unreadable result: " + line);
        }
        for (int f = 0; f < 3; f++) {
          figures[config][f][k] = Double.parseDouble(m.group(f + 1));
        }
        System.out.printf(Locale.ROOT, "launch %d %s: %s%n", k + 1, config == 0 ? "A" : "B", line);
      }
    }
    for (int config = 0; config < 2; config++) {
      System.out.printf(Locale.ROOT, "SWITCHED %s model=%s launches=%d forward_us=%.4g gradient_us=%.4g ratio=%.3f (launches %s) options=[%s]%n",
          config == 0 ? "A" : "B", model, launches, median(figures[config][0]), median(figures[config][1]),
          median(figures[config][2]), Arrays.toString(figures[config][2]), String.join(" ", options.get(config)));
    }
  }

  private static List<String> words(String s) {
    return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
