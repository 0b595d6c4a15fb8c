package org.phloem.compiler.diagnose;

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

  /** The summary printed at the end of a run: counts, then each kind with how often it was seen. */
  synchronized String summary() {
    StringBuilder out = new StringBuilder();
    out.append(name).append(": ").append(cases).append(" cases, ").append(compiled).append(" compiled and verified, ")
        .append(cases.get() - compiled.get()).append(" refused with positioned errors; ")
        .append(kinds.size()).append(" of ").append(ErrorKind.values().length).append(" diagnostic kinds, ")
        .append(messages.size()).append(" distinct messages.\n");
    kinds.forEach((k, n) -> out.append(String.format("  %-24s %8d%n", k, n)));
    if (!runs.isEmpty()) {
      out.append("run-time stage (bind, forward, gradient) of the compiled models:\n");
      runs.forEach((k, n) -> out.append(String.format("  %-24s %8d%n", k, n)));
    }
    return out.toString();
  }
}
