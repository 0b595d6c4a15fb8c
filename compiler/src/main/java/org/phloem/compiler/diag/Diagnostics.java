package org.phloem.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.source.SourceFile;

/**
 * Collects errors across all passes, up to a limit, so that a modeller sees every mistake in one run
 * instead of one per compile. Not thread-safe.
 */
public final class Diagnostics {
  /** The limit used when none is given. */
  public static final int DEFAULT_LIMIT = 50;

  private final int limit;
  private final List<Diagnostic> errors = new ArrayList<>();
  private final Map<SourceFile, Integer> fileOrder = new HashMap<>();
  private boolean truncated;

  /** A collector keeping at most {@link #DEFAULT_LIMIT} errors. */
  public Diagnostics() {
    this(DEFAULT_LIMIT);
  }

  /** A collector keeping at most {@code limit} errors; later ones are counted as dropped. */
  public Diagnostics(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    this.limit = limit;
  }

  /**
   * Registers a file so that its errors sort after those of files registered before it (the main model
   * first, then includes in the order they are met).
   */
  public void registerFile(SourceFile file) {
    fileOrder.putIfAbsent(file, fileOrder.size());
  }

  /** Adds an error unless the limit is reached. */
  public void add(Diagnostic d) {
    if (errors.size() >= limit) {
      truncated = true;
      return;
    }
    registerFile(d.span().file());
    errors.add(d);
  }

  /** Shorthand for {@code add(Diagnostic.of(kind, span, args))}. */
  public void error(ErrorKind kind, org.phloem.compiler.source.Span span, Object... args) {
    add(Diagnostic.of(kind, span, args));
  }

  /** True when at least one error was reported. */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** How many errors were kept. */
  public int count() {
    return errors.size();
  }

  /** True when errors were dropped because the limit was reached. */
  public boolean truncated() {
    return truncated;
  }

  /** The errors in source order: by file (in registration order), then line, then column. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(errors);
    copy.sort(Comparator.<Diagnostic>comparingInt(d -> fileOrder.get(d.span().file()))
        .thenComparingInt(d -> d.span().startLine())
        .thenComparingInt(d -> d.span().startColumn()));
    return copy;
  }

  /** Throws a {@link CompileException} holding every error, if there is any. */
  public void throwIfErrors() throws CompileException {
    if (hasErrors()) {
      throw new CompileException(sorted(), truncated);
    }
  }
}
