package org.phloem.compiler.driver;

/**
 * What the command is doing now, in words ("reading the data of model 'dalec_oregon'"), so that running
 * out of memory can be reported with what was being read or computed when it happened. Set at the few
 * points where a command moves to a new stage; read only after an Error.
 */
final class Activity {
  private static volatile String now = "starting";

  private Activity() {}

  /** Records that the command is now {@code doing} (a phrase after "while"). */
  static void now(String doing) {
    now = doing;
  }

  /** The phrase last recorded. */
  static String current() {
    return now;
  }
}
