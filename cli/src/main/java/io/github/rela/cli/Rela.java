package io.github.rela.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code rela} command line: one program, one subcommand per task (translate, train, eval, run,
 * demo, replay, ...). Each subcommand parses its options and delegates to the module that does the
 * work.
 */
@Command(
    name = "rela",
    mixinStandardHelpOptions = true,
    versionProvider = RelaVersion.class,
    sortOptions = false,
    showDefaultValues = true,
    description = {
      "Streaming machine translation for Apache Kafka with rectified linear attention (ReLA).",
      "Translates sentences from topics, flags low-confidence results by a calibrated quality"
          + " estimate, and replays topics for offline evaluation.",
    },
    subcommands = {
      RunCommand.class,
      DemoCommand.class,
      LoadEvalCommand.class,
      ReplayCommand.class,
      TranslateCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      CalibrateCommand.class,
      ShortlistCommand.class,
      LexiconCommand.class,
      CompareCommand.class,
      ScoreCommand.class,
      BenchCommand.class,
      ExportCommand.class,
      BenchStreamCommand.class,
      HelpCommand.class
    },
    footer = {"", "Run 'rela COMMAND --help' for the options of one command."})
public final class Rela implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-v", "--verbose"},
      description = "More log output: -v for info from libraries, -vv for debug.",
      scope = ScopeType.INHERIT)
  void setVerbose(boolean[] verbose) {
    Logging.setVerbosity(verbose.length);
  }

  /** Without a subcommand there is nothing to do: show the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line; tests use it to run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Rela());
    cli.setParameterExceptionHandler(Rela::handleParameterError);
    cli.setExecutionExceptionHandler(Rela::handleExecutionError);
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * Picocli's default message for a mistyped command is "Unmatched argument at index 0"; users
   * deserve to hear that the command is unknown and which ones exist.
   */
  private static int handleParameterError(CommandLine.ParameterException error, String[] args) {
    CommandLine cli = error.getCommandLine();
    PrintWriter err = cli.getErr();
    if (error instanceof CommandLine.UnmatchedArgumentException unmatched
        && isUnknownSubcommand(unmatched)) {
      String name = unmatched.getUnmatched().get(0);
      err.printf("rela: unknown command '%s'.%n", name);
      err.printf("Commands: %s%n", String.join(", ", cli.getSubcommands().keySet()));
      err.printf("Run '%s --help' for usage.%n", cli.getCommandSpec().qualifiedName());
    } else {
      err.println("rela: " + error.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
      err.printf("Run '%s --help' for usage.%n", cli.getCommandSpec().qualifiedName());
    }
    return cli.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * A failed command prints what went wrong in one line (the cause chain's messages); the stack
   * trace only with {@code -v}, where it helps a bug report.
   */
  private static int handleExecutionError(
      Exception error, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    StringBuilder message = new StringBuilder("rela " + cli.getCommandName() + ": ");
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t.getMessage() != null && message.indexOf(t.getMessage()) < 0) {
        message.append(t == error ? "" : ": ").append(t.getMessage());
      }
    }
    err.println(message);
    if (Logging.verbosity() > 0) {
      error.printStackTrace(err);
    } else {
      err.println("(run with -v for the stack trace)");
    }
    return 1;
  }

  private static boolean isUnknownSubcommand(CommandLine.UnmatchedArgumentException error) {
    CommandLine cli = error.getCommandLine();
    return !cli.getSubcommands().isEmpty()
        && !error.getUnmatched().isEmpty()
        && !error.getUnmatched().get(0).startsWith("-")
        && cli.getCommandSpec().positionalParameters().isEmpty();
  }
}
