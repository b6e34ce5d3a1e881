package dev.softclass.cli;

import dev.softclass.SoftclassException;
import dev.softclass.Version;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code softclass} command. Exit codes: 0 on success, 1 for a user mistake (bad data, model
 * file or option; one-paragraph message, no stack trace), 2 for a bug.
 */
@Command(
    name = "softclass",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Probabilistic classification with softmax and sigmoid outputs.")
public final class Main implements Runnable {
  /** The subcommands, in the order help lists them. */
  private static final List<Class<?>> COMMANDS =
      List.of(
          DemoCommand.class,
          TrainCommand.class,
          SplitCommand.class,
          PredictCommand.class,
          EvalCommand.class,
          CalibrateCommand.class,
          TuneCommand.class,
          EnsembleCommand.class,
          ReportCommand.class,
          InspectCommand.class,
          ExportCommand.class,
          TokenizeCommand.class,
          ServeCommand.class,
          CommandLine.HelpCommand.class);

  /** Exit code for a user mistake. */
  public static final int USER_ERROR = 1;

  /** Exit code for a bug in Softclass. */
  public static final int BUG = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "give a command: demo, train, split, predict, eval, calibrate, tune, ensemble, report,"
            + " inspect, export or serve");
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(args, out, err));
  }

  /**
   * Runs the command line with the given streams (for tests and embedding).
   *
   * @return the exit code
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    // Library logs (such as the kernel choice, which train reports itself) stay off the console.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    CommandLine cl = new CommandLine(new Main());
    for (Class<?> command : commandsFor(args)) {
      cl.addSubcommand(command);
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(
        (ex, arguments) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("error: " + ex.getMessage());
          c.getErr().println("See '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return USER_ERROR;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          if (ex instanceof SoftclassException) {
            c.getErr().println("error: " + ex.getMessage());
            return USER_ERROR;
          }
          c.getErr().println("internal error: this is a bug in Softclass; please report it.");
          ex.printStackTrace(c.getErr());
          return BUG;
        });
    int code;
    try {
      code = cl.execute(args);
    } catch (OutOfMemoryError e) {
      // By now the stack has unwound and the big arrays are garbage: there is room to print.
      err.println(outOfMemoryAdvice(Runtime.getRuntime().maxMemory()));
      code = USER_ERROR;
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The subcommands to build: only the one named by the first argument if there is one, else all
   * (for help, a misspelt command, or none). Picocli reads every option of every command it is
   * given, which took about as long as starting the JVM; a run needs only its own command.
   */
  static List<Class<?>> commandsFor(String[] args) {
    if (args.length > 0) {
      for (Class<?> command : COMMANDS) {
        Command c = command.getAnnotation(Command.class);
        if (c.name().equals(args[0]) && command != CommandLine.HelpCommand.class) {
          return List.of(command);
        }
      }
    }
    return COMMANDS;
  }

  /** What to do when Java ran out of memory: the heap limit and how to raise it. */
  static String outOfMemoryAdvice(long maxHeapBytes) {
    return String.format(
        java.util.Locale.ROOT,
        "error: Java ran out of memory (its heap holds at most %.1f GB). Give it more, for example"
            + " JAVA_OPTS=-Xmx%dg ./softclass ... (the launcher already allows 75%% of the"
            + " machine's memory unless JAVA_OPTS sets a limit), or need less: --optimizer sgd"
            + " keeps one copy of the weights, and a sparse LIBSVM file stores only non-zeros.",
        maxHeapBytes / 1e9,
        Math.max(2, 2 * (long) Math.ceil(maxHeapBytes / (double) (1L << 30))));
  }

  /** Reports the library version for {@code --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"softclass " + Version.get()};
    }
  }
}
