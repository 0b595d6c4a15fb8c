package org.phloem.tests.ad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Example;

/**
 * The generator reaches every construct of the language: in a few hundred programs (a fixed seed, no
 * compiling) each construct's mark appears in at least 1% of them. The properties are only as good as
 * the programs they see.
 */
class GeneratorCoverageTest {
  private static final int SAMPLES = 400;

  /** A construct and a pattern that only its printed form matches. */
  private static final Map<String, Predicate<String>> CONSTRUCTS = new LinkedHashMap<>();

  static {
    CONSTRUCTS.put("for over a dim", matches("for t\\d+ in day \\{"));
    CONSTRUCTS.put("for over a second dim", matches("for j\\d+ in k \\{"));
    CONSTRUCTS.put("for over a range", matches("for i\\d+ in 1\\.\\.2 \\{"));
    CONSTRUCTS.put("for over two dims", matches("for t\\d+ in day, j\\d+ in k \\{"));
    CONSTRUCTS.put("if statement", matches("\\n *if [^\\n]* \\{"));
    CONSTRUCTS.put("else", matches("\\} else \\{"));
    CONSTRUCTS.put("else if in a statement", matches("\\n *\\} else if (?!0)"));
    CONSTRUCTS.put("guard of a lagged read", matches("if t\\d* > 0 \\{"));
    CONSTRUCTS.put("lagged read inside a guard", matches("(?<!then )\\b[xzobs]+\\[t\\d* - 1\\]"));
    CONSTRUCTS.put("lagged read in a conditional expression", matches("then [xzobs]+\\[t\\d* - 1\\] else 0"));
    CONSTRUCTS.put("if-then-else expression", matches("\\(if [^\\n]* then "));
    CONSTRUCTS.put("+=", matches(" \\+= 0\\.1 \\* "));
    CONSTRUCTS.put("let", matches("\\n *let l\\d+ = "));
    CONSTRUCTS.put("a let read later", GeneratorCoverageTest::readsALet);
    CONSTRUCTS.put("f1 called", matches("f1\\("));
    CONSTRUCTS.put("f2 called", matches("f2\\("));
    CONSTRUCTS.put("f2 calls f1", matches("fn f2[^}]*f1\\("));
    CONSTRUCTS.put("sum", matches("\\(sum\\("));
    CONSTRUCTS.put("mean", matches("\\(mean\\("));
    CONSTRUCTS.put("prod", matches("\\(prod\\("));
    CONSTRUCTS.put("index arithmetic", matches("\\+ 1\\) % size\\("));
    CONSTRUCTS.put("a 2-d array", matches("m2\\["));
    CONSTRUCTS.put("&&", matches(" && "));
    CONSTRUCTS.put("||", matches(" \\|\\| "));
    CONSTRUCTS.put("!", matches("!\\("));
    CONSTRUCTS.put("an index test", matches("[tji]\\d+ (==|!=|>|<=) \\d"));
    CONSTRUCTS.put("size", matches("size\\(day\\)"));
    CONSTRUCTS.put("pi", matches("\\bpi\\b"));
    CONSTRUCTS.put("a loop index as a number", matches("[-+*/(] [tji]\\d+\\)"));
    CONSTRUCTS.put("^", matches("\\^ "));
    for (String f : new String[] {"exp", "log", "log10", "sqrt", "abs", "min", "max", "pow", "tanh", "sinh", "cosh", "sin", "cos",
        "tan", "asin", "acos", "atan"}) {
      CONSTRUCTS.put(f, matches("\\b" + f + "\\("));
    }
  }

  private static Predicate<String> matches(String regex) {
    return Pattern.compile(regex).asPredicate();
  }

  /** Some {@code let lN} is read after it is defined. */
  private static boolean readsALet(String text) {
    Matcher let = Pattern.compile("let (l\\d+) = ").matcher(text);
    while (let.find()) {
      if (Pattern.compile("\\b" + let.group(1) + "\\b").matcher(text).region(let.end(), text.length()).find()) {
        return true;
      }
    }
    return false;
  }

  @Example
  void everyConstructAppears() {
    RandomGenerator<Program> generator = ProgramArbitraries.programs().generator(1000);
    Random random = new Random(20240611L);
    Map<String, Integer> seen = new LinkedHashMap<>();
    CONSTRUCTS.keySet().forEach(k -> seen.put(k, 0));
    for (int n = 0; n < SAMPLES; n++) {
      String text = generator.next(random).value().toString();
      // the fixed parts (the state update of the time loop) must not count
      String program = text.replace("s = tanh(0.8 * s + a * obs[t] - b * r + 0.1 * e0 * v[t % 3])", "");
      CONSTRUCTS.forEach((name, present) -> {
        if (present.test(program)) {
          seen.merge(name, 1, Integer::sum);
        }
      });
    }
    StringBuilder rare = new StringBuilder();
    seen.forEach((name, count) -> {
      if (count < SAMPLES / 100) {
        rare.append(String.format("%n  %s: %d of %d", name, count, SAMPLES));
      }
    });
    assertTrue(rare.length() == 0, "constructs the generator rarely or never writes:" + rare);
  }
}
