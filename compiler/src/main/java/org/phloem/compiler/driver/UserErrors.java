package org.phloem.compiler.driver;

import java.io.PrintWriter;
import org.phloem.compiler.diag.CompileException;
import org.phloem.runtime.data.DataException;
import picocli.CommandLine;

/**
 * Turns what went wrong into what a modeller reads: positioned compile errors and data problems print
 * as they are (exit 1); anything else is a bug in Phloem and says so, with the stack trace (exit 3).
 */
final class UserErrors {
  static final int PROBLEM = 1;
  static final int INTERNAL = 3;

  private UserErrors() {}

  static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof CompileException) {
      err.println(e.getMessage());
    } else if (e instanceof DataException) {
      err.println("Problems with the data:");
      for (var problem : ((DataException) e).problems()) {
        err.println("  " + problem.describe());
      }
    } else if (e instanceof UserException) {
      err.println(e.getMessage());
    } else {
      err.println("internal error in Phloem (a bug, not a mistake of yours; please report it with this text):");
      e.printStackTrace(err);
      err.flush();
      return INTERNAL;
    }
    err.flush();
    return PROBLEM;
  }

  /** A mistake of the user's that is neither in the model file nor in the data (a bad option value, a parameter file). */
  static final class UserException extends Exception {
    private static final long serialVersionUID = 1L;

    UserException(String message) {
      super(message);
    }
  }
}
