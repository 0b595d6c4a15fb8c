package org.phloem.compiler.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.diag.Diagnostic;
import org.phloem.compiler.diag.ErrorKind;

/** Counts what a fuzz run exercised: cases, compiled models, and every diagnostic kind and message seen. */
final class FuzzStats {
  private final String name;
  private final AtomicLong cases = new AtomicLong();
  private final AtomicLong compiled = new AtomicLong();
  private final Map<ErrorKind, Long> kinds = new TreeMap<>();
  /** Run-time outcomes of compiled models: "ran", "data refused", "model error", "index fault named", ... */
  private final Map<String, Long> runs = new TreeMap<>();
  private final Map<String, Long> messages = new TreeMap<>();
  /** CPU time per seed model (compile and run of its mutants), to see which seeds the run spends its time on. */
  private final Map<String, SeedTime> seedTimes = new TreeMap<>();
  private final List<String> overBudget = new ArrayList<>();
  private long stoppedCompiling;
  private long failures;

  /**
   * Mutants of one seed: how many, their CPU time in all (the process's while each ran: the compilation,
   * the JIT and the collector run in threads of their own), and the slowest one.
   */
  private static final class SeedTime {
    long cases;
    long nanos;
    long maxNanos;
    String slowest = "";
  }

  FuzzStats(String name) {
    this.name = name;
  }

  synchronized void compiled() {
    cases.incrementAndGet();
    compiled.incrementAndGet();
  }

  synchronized void failed(CompileException e) {
    cases.incrementAndGet();
    for (Diagnostic d : e.diagnostics()) {
      kinds.merge(d.kind(), 1L, Long::sum);
      messages.merge(d.fullMessage(), 1L, Long::sum);
    }
  }

  /** One compiled model's run-time outcome (bound and run forward and gradient, or refused with a message). */
  synchronized void ran(String outcome) {
    runs.merge(outcome, 1L, Long::sum);
  }

  /** One case of {@code seed} ({@code name}) took {@code cpuNanos} of the process's CPU time. */
  synchronized void timed(String seed, String name, long cpuNanos) {
    SeedTime t = seedTimes.computeIfAbsent(seed, k -> new SeedTime());
    t.cases++;
    t.nanos += cpuNanos;
    if (cpuNanos >= t.maxNanos) {
      t.maxNanos = cpuNanos;
      t.slowest = name;
    }
  }

  /**
   * A case that spent more than its CPU budget: counted and listed, never silently dropped. One stopped
   * while compiling counts as a case of its own kind; one stopped while running as a run-time outcome.
   */
  synchronized void overBudget(String name, long cpuNanos, boolean stopped, double budgetSeconds, long casesBefore) {
    if (cases.get() == casesBefore) {
      cases.incrementAndGet();
      stoppedCompiling++;
    } else {
      runs.merge("over the CPU budget", 1L, Long::sum);
    }
    overBudget.add(String.format(Locale.ROOT, "%s: %.1f s of CPU, %s", name, cpuNanos / 1e9,
        stopped ? "stopped at the budget of " + budgetSeconds + " s" : "ran to its end (this JVM cannot stop a thread)"));
  }

  /** A case failed the oracle (it is rethrown, and jqwik stops the property there). */
  synchronized void failure() {
    failures++;
  }

  synchronized int overBudget() {
    return overBudget.size();
  }

  /** How many compiled cases had run-time outcome {@code outcome}. */
  synchronized long runs(String outcome) {
    return runs.getOrDefault(outcome, 0L);
  }

  synchronized long runs() {
    return runs.values().stream().mapToLong(Long::longValue).sum();
  }

  synchronized long cases() {
    return cases.get();
  }

  synchronized int distinctKinds() {
    return kinds.size();
  }

  synchronized int distinctMessages() {
    return messages.size();
  }

  /** One line: how far a run got (cases, compiled, run-time outcomes, failures, cases over budget). */
  synchronized String progress() {
    return name + ": " + cases + " cases, " + compiled + " compiled, run-time outcomes " + runs + ", " + failures
        + " failures, " + overBudget.size() + " over the CPU budget";
  }

  /** The summary printed at the end of a run: counts, then each kind with how often it was seen. */
  synchronized String summary() {
    StringBuilder out = new StringBuilder();
    out.append(name).append(": ").append(cases).append(" cases, ").append(compiled).append(" compiled and verified, ")
        .append(cases.get() - compiled.get() - stoppedCompiling).append(" refused with positioned errors; ")
        .append(seedTimes.isEmpty() ? "" : stoppedCompiling + " over the CPU budget while compiling; ")
        .append(kinds.size()).append(" of ").append(ErrorKind.values().length).append(" diagnostic kinds, ")
        .append(messages.size()).append(" distinct messages.\n");
    kinds.forEach((k, n) -> out.append(String.format("  %-24s %8d%n", k, n)));
    if (!runs.isEmpty()) {
      out.append("run-time stage (bind, forward, gradient) of the compiled models:\n");
      runs.forEach((k, n) -> out.append(String.format("  %-24s %8d%n", k, n)));
    }
    if (!seedTimes.isEmpty()) {
      out.append(failures).append(" failures (exit 3, a stack trace, a crash or an unverified class; the first stops the run)\n");
      out.append(overBudget.size()).append(" cases over the CPU budget");
      out.append(overBudget.isEmpty() ? ".\n" : ":\n");
      overBudget.forEach(c -> out.append("  ").append(c).append('\n'));
      double total = seedTimes.values().stream().mapToLong(t -> t.nanos).sum() / 1e9;
      out.append(String.format(Locale.ROOT, "CPU time of the process while the cases ran: %.1f s; the ten costliest seeds:%n", total));
      seedTimes.entrySet().stream()
          .sorted((a, b) -> Long.compare(b.getValue().nanos, a.getValue().nanos))
          .limit(10)
          .forEach(e -> out.append(String.format(Locale.ROOT, "  %-48s %6d cases %8.1f s, slowest %6.2f s (%s)%n",
              e.getKey(), e.getValue().cases, e.getValue().nanos / 1e9, e.getValue().maxNanos / 1e9, e.getValue().slowest)));
    }
    return out.toString();
  }
}
