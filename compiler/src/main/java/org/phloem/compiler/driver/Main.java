package org.phloem.compiler.driver;

import org.phloem.runtime.SeparateSweepMethods;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code phloem} command: compile, run, check, fit, sample and watch models, or run the demo. */
@Command(
    name = "phloem",
    mixinStandardHelpOptions = true,
    version = "phloem 0.1.0",
    description = {"Phloem: carbon-cycle models compiled with their adjoints, and fitted to observations.", ""},
    subcommands = {DemoCommand.class, CompileCommand.class, RunCommand.class, CheckCommand.class, FitCommand.class,
        WatchCommand.class, TwinCommand.class, SampleCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 success, 1 a problem with the model, its data or a check, 2 bad usage, 3 internal error,",
        "10-16 a fit that ended without a verified minimum, one code per verdict (see 'phloem fit --help')."})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(UserErrors::handle);
    try {
      return cli.execute(args);
    } catch (Error e) { // picocli hands on Errors: out of memory, too deep, or a bug
      return UserErrors.reportError(e, cli.getErr());
    }
  }

  /**
   * Prints what went wrong as the command line would and returns its exit code: 1 for a problem with
   * the model, its data or the user's settings, 3 for a bug in Phloem (fuzzers and tests check this).
   */
  public static int report(Exception e, java.io.PrintWriter err) {
    return UserErrors.report(e, err);
  }

  public static void main(String[] args) {
    SeparateSweepMethods.installInBackground();
    System.exit(execute(args));
  }
}
