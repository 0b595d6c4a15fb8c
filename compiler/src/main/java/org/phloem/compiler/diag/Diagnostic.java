package org.phloem.compiler.diag;

import java.util.Objects;
import org.phloem.compiler.source.Span;

/**
 * One error in a model: what kind, where, what to tell the modeller.
 *
 * @param kind the named kind of error
 * @param span where it is
 * @param message the sentence shown under the quoted line
 * @param hint an optional extra sentence (such as "Did you mean 'cf'?"), or null
 */
public record Diagnostic(ErrorKind kind, Span span, String message, String hint) {
  public Diagnostic {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(span);
    Objects.requireNonNull(message);
  }

  /** An error of {@code kind} at {@code span}, its message made from the kind's template. */
  public static Diagnostic of(ErrorKind kind, Span span, Object... args) {
    return new Diagnostic(kind, span, kind.format(args), null);
  }

  /** This diagnostic with a hint added. */
  public Diagnostic withHint(String newHint) {
    return new Diagnostic(kind, span, message, newHint);
  }

  /** The message and, when there is one, the hint, as one line. */
  public String fullMessage() {
    return hint == null ? message : message + " " + hint;
  }
}
