package org.phloem.compiler.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.driver.Pipeline;

/**
 * Fuzzes the whole pipeline (parse, check, lower, differentiate, emit, load) with mutations of the valid
 * models and with random token sequences; every input must end in a verified class or in positioned
 * errors (see {@link PipelineOracle}). The default run takes a sample; {@code mvn -Plong} runs 100,000
 * cases and prints how many ran and which diagnostics they exercised.
 */
class PipelineFuzzTest {
  private static final List<FuzzCorpus.Seed> SEEDS = FuzzCorpus.seeds();
  private static final FuzzStats SAMPLE = new FuzzStats("fuzz sample");
  private static final FuzzStats LONG = new FuzzStats("fuzz long run");

  /** The fuzzer starts from models that compile: otherwise every mutation would test only the error path. */
  @Example
  void everyMainSeed_compilesAndVerifies() {
    FuzzStats stats = new FuzzStats("seeds");
    for (FuzzCorpus.Seed s : SEEDS) {
      if (!s.text().startsWith("model fuzz")) {
        PipelineOracle.judge(s.name(), s.text(), s.folder(), stats);
      }
    }
    assertTrue(stats.cases() >= 5);
    assertEquals(0, stats.distinctKinds(), "a seed model did not compile:\n" + stats.summary());
  }

  /**
   * The run stage runs the 24-year transports over 1980-1981 (FuzzCorpus.Seed#forRun): the shortened
   * seeds must still bind and run, or their mutants would test only the data's refusal.
   */
  @Example
  void shortenedRunSeeds_bindAndRun() {
    FuzzStats stats = new FuzzStats("shortened seeds");
    List<String> models = List.of("ccdas.phl", "ccdas_fixed_co2.phl", "background.phl", "direct.phl", "fossil_gradient.phl",
        "response.phl");
    for (String model : models) {
      String name = "models/ccdas/" + model + " [1980-1981]";
      FuzzCorpus.Seed s = RUN_SEEDS.stream().filter(r -> r.name().equals(name)).findFirst()
          .orElseThrow(() -> new AssertionError(model + " is not shortened for the run stage"));
      PipelineOracle.judgeAndRun(s.name(), s.text(), s.folder(), DATA, stats);
    }
    assertEquals(models.size(), stats.runs("ran"), stats.summary());
  }

  @Property(tries = 600)
  void mutatedModel_compilesOrIsRefusedWithPositionedErrors(@ForAll long seed) {
    oneCase(seed, SAMPLE);
  }

  @Property(tries = 100_000, afterFailure = net.jqwik.api.AfterFailureMode.RANDOM_SEED)
  @Tag("long")
  void longRun_compilesOrIsRefusedWithPositionedErrors(@ForAll long seed) {
    oneCase(seed, LONG);
  }

  /**
   * The run-time stage: mutated models that compile are bound to the data and run (forward and
   * gradient at the prior means); every outcome is a result or a message with exit 1, never exit 3 or a
   * stack trace. Every shipped model is a seed; the 24-year transports run over 1980-1981
   * ({@link FuzzCorpus.Seed#forRun}). Each case has a budget of process CPU ({@code -Dphloem.fuzz.cpuBudget},
   * 30 s): a case over it is stopped, counted and listed with its seed in the summary, never dropped
   * silently. The long run ({@code -Plong}) takes 12,000 mutants and prints its summary every 2,000.
   */
  @Property(tries = 150)
  void mutatedModel_runsOrIsRefusedWithAMessage(@ForAll long seed) {
    runCase(seed, RUN_SAMPLE);
  }

  @Property(tries = 12_000, afterFailure = net.jqwik.api.AfterFailureMode.RANDOM_SEED)
  @Tag("long")
  void longRun_mutatedModelsRunOrAreRefusedWithAMessage(@ForAll long seed) {
    runCase(seed, RUN_LONG);
  }

  private static final FuzzStats RUN_SAMPLE = new FuzzStats("run-stage sample");
  private static final FuzzStats RUN_LONG = new FuzzStats("run-stage long run");
  private static final java.nio.file.Path DATA = dataRoot();
  /** The run stage's seeds: every shipped model, the 24-year transports over two years (FuzzCorpus.Seed#forRun). */
  private static final List<FuzzCorpus.Seed> RUN_SEEDS =
      Boolean.getBoolean("phloem.fuzz.fullPeriods") ? SEEDS : FuzzCorpus.seedsForRun();
  /** CPU seconds one run-stage case may take (compile, bind, forward, gradient, and naming a fault). */
  private static final CpuBudget BUDGET = new CpuBudget(Double.parseDouble(System.getProperty("phloem.fuzz.cpuBudget", "30")));

  private static java.nio.file.Path dataRoot() {
    try {
      return org.phloem.runtime.data.DataRoot.locate(null, null).path();
    } catch (org.phloem.runtime.data.DataException e) {
      return null; // no data here: the run stage only compiles
    }
  }

  static void runCase(long seed, FuzzStats stats) {
    Random random = new Random(seed);
    Mutations m = new Mutations(random);
    FuzzCorpus.Seed s = RUN_SEEDS.get(random.nextInt(RUN_SEEDS.size()));
    String text = random.nextBoolean() ? m.mutateForRun(s.text()) : m.mutate(s.text());
    String name = s.name() + " (mutated, seed " + seed + ")";
    long before = stats.cases();
    CpuBudget.Outcome o = BUDGET.run(() -> PipelineOracle.judgeAndRun(name, text, s.folder(), DATA, stats));
    stats.timed(s.name(), "seed " + seed, o.cpuNanos());
    if (stats == RUN_LONG && stats.cases() % 500 == 0) { // a long run that is stopped still says how far it got
      System.out.println(java.time.Instant.now() + " " + (stats.cases() % 2000 == 0 ? stats.summary() : stats.progress()));
    }
    if (o.ending() != CpuBudget.Ending.WITHIN) {
      stats.overBudget(name, o.cpuNanos(), o.ending() == CpuBudget.Ending.STOPPED, BUDGET.seconds(), before);
      return;
    }
    if (o.failure() != null) {
      stats.failure();
    }
    if (o.failure() instanceof Error e) {
      throw e;
    } else if (o.failure() instanceof RuntimeException e) {
      throw e;
    } else if (o.failure() != null) {
      throw new AssertionError(o.failure());
    }
  }

  /** Four cases in five mutate a valid model; the fifth is a random token sequence. */
  private static void oneCase(long seed, FuzzStats stats) {
    Random random = new Random(seed);
    Mutations m = new Mutations(random);
    FuzzCorpus.Seed s = SEEDS.get(random.nextInt(SEEDS.size()));
    if (random.nextInt(5) == 0) {
      PipelineOracle.judge("random.phl", m.randomTokens(), s.folder(), stats);
    } else {
      PipelineOracle.judge(s.name() + " (mutated, seed " + seed + ")", m.mutate(s.text()), s.folder(), stats);
    }
  }

  // ------------------------------------------------------------------------------ deep nesting

  private static final int DEEP = 10_000;
  private static final String HEADER = "model deep \"deep nesting\"\noutput y\nvar z\n";

  @Example
  void tenThousandNestedParentheses_areRefusedWhereTheyNest() {
    String text = HEADER + "y = " + "(".repeat(DEEP) + "1" + ")".repeat(DEEP) + "\n";
    CompileException e = refused(text);
    assertEquals("NESTED_TOO_DEEPLY", e.diagnostics().get(0).kind().name());
    assertEquals(4, e.diagnostics().get(0).span().startLine());
    assertEquals(4 + 201, e.diagnostics().get(0).span().startColumn()); // "y = " then the 201st bracket
  }

  @Example
  void tenThousandNestedIfs_areRefusedWhereTheyNest() {
    String text = HEADER + "if z > 0 {\n".repeat(DEEP) + "y = 1\n" + "}\n".repeat(DEEP);
    CompileException e = refused(text);
    assertEquals("NESTED_TOO_DEEPLY", e.diagnostics().get(0).kind().name());
    assertEquals(4 + 200, e.diagnostics().get(0).span().startLine());
  }

  /**
   * Chains without brackets nest in the syntax tree too; they must end in a class or a message. The
   * default run uses 2,000 links (a few seconds), the long run 10,000.
   */
  @Example
  void longChains_endInAClassOrAMessage() {
    assertEquals(CHAINS, chains(2_000));
  }

  @Example
  @Tag("long")
  void tenThousandLinkChains_endInAClassOrAMessage() {
    assertEquals(CHAINS, chains(DEEP));
  }

  private static final int CHAINS = 7;

  private static long chains(int n) {
    FuzzStats stats = new FuzzStats("chains");
    List<String> chains = List.of(
        "if z > 0 { y = 1 }" + " else if z > 1 { y = 2 }".repeat(n) + "\n",
        "y = 1" + " + z".repeat(n) + "\n",
        "y = " + "-".repeat(n) + "z\n",
        "for i in 0..2 { y = " + "-".repeat(n) + "i }\n",
        "y = " + "if z > 0 then 1 else ".repeat(n) + "2\n",
        "y = 1.5" + " ^ 1".repeat(n) + "\n",
        "y = 1.5" + " ^ z".repeat(n) + "\n");
    for (String chain : chains) {
      PipelineOracle.judge("chain.phl", HEADER + chain, null, stats);
    }
    return stats.cases();
  }

  private static CompileException refused(String text) {
    try {
      Pipeline.compile("deep.phl", text, null, true);
    } catch (CompileException e) {
      return e;
    }
    throw new AssertionError("compiled a model nested " + DEEP + " deep");
  }

  @AfterContainer
  static void printCounts() {
    for (FuzzStats s : List.of(SAMPLE, LONG, RUN_SAMPLE, RUN_LONG)) {
      if (s.cases() > 0) {
        System.out.println(s.summary());
      }
    }
  }
}
