package org.phloem.compiler.driver;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.diagnose.IndexFaults;
import org.phloem.runtime.IndexFault;
import org.phloem.runtime.ModelFault;
import org.phloem.runtime.TapeLimitError;
import org.phloem.runtime.data.DataException;
import org.phloem.runtime.engine.EngineException;
import org.phloem.runtime.fit.FitException;
import picocli.CommandLine;

/**
 * Turns what went wrong into what a modeller reads: positioned compile errors, data problems, fit
 * settings that cannot be used and files that cannot be read or written print as sentences (exit 1);
 * anything else is a bug in Phloem and says so, with the stack trace (exit 3).
 */
final class UserErrors {
  static final int PROBLEM = 1;
  static final int INTERNAL = 3;

  private UserErrors() {}

  static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    return report(e, cli.getErr());
  }

  /** Prints what went wrong to {@code err}; returns the exit code ({@link #PROBLEM} or {@link #INTERNAL}). */
  static int report(Exception e, PrintWriter err) {
    Error error = causeOfType(e, Error.class);
    if (error != null) {
      return reportError(error, err);
    }
    IndexFault index = causeOfType(e, IndexFault.class);
    String located = index == null ? null : locate(index);
    if (located != null) {
      err.println(located);
      err.flush();
      return PROBLEM;
    }
    ModelFault fault = causeOfType(e, ModelFault.class);
    if (fault != null) {
      err.println(fault.getMessage());
      err.flush();
      return PROBLEM;
    }
    if (e instanceof CompileException) {
      err.println(e.getMessage());
    } else if (e instanceof DataException) {
      err.println("Problems with the data:");
      for (var problem : ((DataException) e).problems()) {
        err.println("  " + problem.describe());
      }
    } else if (e instanceof UserException || e instanceof FitException || e instanceof EngineException) {
      err.println(e.getMessage());
    } else if (fileProblem(e) != null) {
      err.println(fileProblem(e));
    } else {
      err.println("internal error in Phloem (a bug, not a mistake of yours; please report it with this text):");
      e.printStackTrace(err);
      err.flush();
      return INTERNAL;
    }
    err.flush();
    return PROBLEM;
  }

  /**
   * A Java Error: running out of memory, tape or stack is the size of what the user asked for (exit 1, with
   * what was being done, the heap's size and how to raise it); any other Error is a bug (exit 3).
   */
  static int reportError(Error e, PrintWriter err) {
    if (e instanceof TapeLimitError) {
      // a limit of Java arrays, not of the heap: more memory would not help
      err.println("Phloem ran out of tape while " + Activity.current() + ": " + e.getMessage() + ".");
      err.println("The tape records the forward sweep for the gradient, one array whatever the heap; make the loops"
          + " that record it shorter (smaller dims, fewer steps).");
      err.flush();
      return PROBLEM;
    }
    if (e instanceof OutOfMemoryError) {
      long heap = Runtime.getRuntime().maxMemory();
      err.println("Phloem ran out of memory while " + Activity.current() + " (the Java heap is at most "
          + (heap == Long.MAX_VALUE ? "unlimited" : (heap >> 20) + " MB") + "; the JVM said: " + e.getMessage() + ").");
      err.println("Give it more with e.g. PHLOEM_JAVA_OPTS=-Xmx8g (the launcher passes it to java), or make the"
          + " input smaller: fewer rows or columns in the data, shorter dims, fewer parameters.");
      err.flush();
      return PROBLEM;
    }
    if (e instanceof StackOverflowError) {
      err.println("Phloem ran out of stack while " + Activity.current() + ": the model or its input nests too deeply"
          + " (very long chains of operators or 'else if's). Split long expressions with 'let' or fns, or raise the"
          + " stack with PHLOEM_JAVA_OPTS=-Xss64m.");
      err.flush();
      return PROBLEM;
    }
    err.println("internal error in Phloem (a bug, not a mistake of yours; please report it with this text):");
    e.printStackTrace(err);
    err.flush();
    return INTERNAL;
  }

  /** The first throwable of {@code type} in {@code e}'s cause chain, or null. */
  static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /**
   * Where the index went out of range or its arithmetic failed, re-run in the checking interpreter
   * (a headline, then the place); null when it cannot be traced.
   */
  private static String locate(IndexFault fault) {
    Compilation c = fault.model() == null ? null : RunningModels.of(fault.model().layout());
    if (c == null) {
      return null;
    }
    try {
      return IndexFaults.locate(c, fault.model(), fault.parameters()).orElse(null);
    } catch (RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  /**
   * A sentence for a file that could not be read or written (a missing folder, no permission, a full
   * disk): the user's environment, not a bug. Null for any other exception.
   */
  static String fileProblem(Throwable e) {
    Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
    if (cause instanceof FileSystemException f) {
      return "cannot use " + f.getFile() + (f.getOtherFile() != null ? " (" + f.getOtherFile() + ")" : "") + ": " + reason(f);
    }
    if (cause instanceof IOException io) {
      return "input/output problem: " + reason(io);
    }
    return null;
  }

  /** Why a file operation failed, in words ("no such file or folder", "permission denied", ...). */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name is in the way";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** A mistake of the user's that is neither in the model file nor in the data (a bad option value, a parameter file). */
  static final class UserException extends Exception {
    private static final long serialVersionUID = 1L;

    UserException(String message) {
      super(message);
    }
  }
}
