package dev.costflow.cli;

import dev.costflow.model.Diagnostic;
import dev.costflow.model.ModelException;
import dev.costflow.pricing.CatalogException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code costflow} command. Exit codes: 0 ok, 1 policy threshold crossed, 2 bad input or usage, 3 internal error. */
@Command(
    name = "costflow",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {"Serverless cost modeling and FinOps analysis: estimate, simulate and reconcile architecture models.", ""},
    footer = {"", "Exit codes: 0 success, 1 a policy threshold was crossed, 2 bad input or usage, 3 internal error.",
        "Docs: README.md, docs/model-format.md"})
public final class Main implements Runnable {
  /**
   * The commands, in the order help lists them (one per line keeps merges simple). They are
   * registered lazily: a run builds only the command it executes, help builds them all.
   */
  static final java.util.List<Class<?>> COMMANDS =
      java.util.List.of(
          EstimateCommand.class,
          SimulateCommand.class,
          DesktopCommand.class,
          DiffCommand.class,
          DashboardCommand.class,
          ExportCommand.class,
          CompareCommand.class,
          PricingCommand.class,
          ImportCommand.class,
          ActualsCommand.class,
          ReconcileCommand.class,
          CalibrateCommand.class);

  public static final int EXIT_OK = 0;
  public static final int EXIT_POLICY = 1;
  public static final int EXIT_INPUT = 2;
  public static final int EXIT_INTERNAL = 3;

  @Option(names = "--debug", description = "Print stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine(commandIn(args));
    cl.setOut(out);
    cl.setErr(err);
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The command a command line runs (its first word that is not an option), if it is one of ours. */
  static java.util.Optional<Class<?>> commandIn(String[] args) {
    for (String a : args) {
      if (a.startsWith("-")) {
        continue;
      }
      for (Class<?> c : COMMANDS) {
        if (c.getAnnotation(Command.class).name().equals(a)) {
          return java.util.Optional.of(c);
        }
      }
      return java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }

  /** The whole command line, every command registered. */
  public static CommandLine commandLine() {
    return commandLine(java.util.Optional.empty());
  }

  /** A command line with only {@code only} registered (building every command's model costs start-up time), or all. */
  static CommandLine commandLine(java.util.Optional<Class<?>> only) {
    CommandLine cl = new CommandLine(new Main());
    for (Class<?> c : COMMANDS) {
      if (only.isEmpty() || only.get() == c) {
        cl.addSubcommand(c);
      }
    }
    if (only.isEmpty()) {
      cl.addSubcommand(new CommandLine.HelpCommand());
    }
    cl.setExecutionExceptionHandler(Main::handle);
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("costflow: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
      c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
      return EXIT_INPUT;
    });
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    boolean debug = parsed.hasMatchedOption("--debug") || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
    if (ex instanceof ModelException me) {
      for (Diagnostic d : me.diagnostics()) {
        err.println(d);
      }
      if (debug) {
        ex.printStackTrace(err);
      }
      return EXIT_INPUT;
    }
    if (ex instanceof UserException ue) {
      err.println(ue.getMessage());
      if (debug) {
        ex.printStackTrace(err);
      }
      return EXIT_INPUT;
    }
    if (ex instanceof CatalogException ce) {
      err.println("costflow: price catalog: " + ce.getMessage());
      if (debug) {
        ex.printStackTrace(err);
      }
      return EXIT_INPUT;
    }
    err.println("costflow: internal error: " + ex + (debug ? "" : " (run again with --debug for details)"));
    if (debug) {
      ex.printStackTrace(err);
    }
    return EXIT_INTERNAL;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"costflow " + (v == null ? "dev" : v)};
    }
  }
}
