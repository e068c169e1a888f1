package io.tributary.runners;

import io.tributary.core.cli.BeamCommand;
import io.tributary.core.cli.CommandProvider;
import io.tributary.core.step.StepExecutor;
import java.util.ArrayList;
import java.util.List;
import io.tributary.transforms.secrets.Redact;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tributary}: launches Tributary's pipelines on the Direct, Spark or Flink runner. */
@Command(name = "tributary", mixinStandardHelpOptions = true, version = "tributary 0.1.0",
    description = "Runner-agnostic Apache Beam pipelines. Unknown --name=value flags are passed to Beam.")
public final class Main implements Runnable {
  @Override
  public void run() {
    cli().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns the exit code: 0 done, 1 failed, 2 bad usage. */
  public static int execute(String... args) {
    localRunnerDefaults();
    for (String arg : args) {
      Redact.remember(arg);
    }
    CommandLine cli = cli();
    String unknown = unknownCommand(cli, args);
    if (unknown != null) {
      // Before picocli sees --help: `tributary inventory --help` must not print the top-level help and succeed.
      cli.getErr().println("tributary: " + unknown);
      return 2;
    }
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      // Every message and trace is redacted: a JDBC URL with its password, or an S3 secret, can sit
      // in any exception a driver or the SDK throws.
      commandLine.getErr().println("tributary: " + Redact.text(message(e)));
      if (Boolean.getBoolean("tributary.stacktrace")) {
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        commandLine.getErr().print(Redact.text(trace.toString()));
        commandLine.getErr().flush();
      } else {
        commandLine.getErr().println("(run with JAVA_OPTS=-Dtributary.stacktrace=true for the stack trace)");
      }
      return 1;
    });
    return cli.execute(args);
  }

  /**
   * The command tree: every pipeline module's commands, found through {@link CommandProvider} (in
   * their order; a pipeline is added by its module alone), the lake-table commands, then the tools'
   * (generate, bench, dev; order 50 and up, from the tools module) and help. A provider with a
   * {@link CommandProvider#parent} adds a step to that pipeline's command instead ({@code invoices
   * cdc-replay}, a tool).
   */
  static CommandLine cli() {
    CommandLine cli = new CommandLine(new Main());
    java.util.List<CommandProvider> providers = new java.util.ArrayList<>();
    java.util.ServiceLoader.load(CommandProvider.class).forEach(providers::add);
    providers.sort(java.util.Comparator.comparingInt(CommandProvider::order));
    // The table operations belong to no pipeline: here, after the pipelines (and before the tools,
    // which register themselves with a higher order).
    List<CommandProvider> after = new ArrayList<>();
    List<CommandProvider> steps = new ArrayList<>();
    for (CommandProvider p : providers) {
      if (p.parent() != null) {
        steps.add(p);
      } else if (p.order() < 50) {
        cli.addSubcommand(p.command());
      } else {
        after.add(p);
      }
    }
    cli.addSubcommand(new TableCommand());
    for (CommandProvider p : after) {
      cli.addSubcommand(p.command());
    }
    for (CommandProvider p : steps) {
      CommandLine parent = cli.getSubcommands().get(p.parent());
      if (parent == null) {
        throw new IllegalStateException(p.getClass().getName() + " belongs under '" + p.parent()
            + "', which no module provides");
      }
      parent.addSubcommand(p.command());
    }
    cli.addSubcommand(new CommandLine.HelpCommand());
    return cli;
  }

  /**
   * The first word of {@code args} that names no pipeline, command or step where one is expected
   * (words before the first option, down the command tree), as an error listing the known ones;
   * null when the path is known.
   */
  static String unknownCommand(CommandLine cli, String[] args) {
    CommandLine at = cli;
    for (String arg : args) {
      java.util.Map<String, CommandLine> subcommands = at.getSubcommands();
      if (arg.startsWith("-") || subcommands.isEmpty()) {
        return null;
      }
      CommandLine next = subcommands.get(arg);
      if (next == null) {
        java.util.List<String> known = new java.util.ArrayList<>(subcommands.keySet());
        known.remove("help");
        return at == cli
            ? "unknown pipeline or command '" + arg + "' (known: " + String.join(", ", known) + ")"
            : "unknown " + at.getCommandName() + " step '" + arg + "' (known: " + String.join(", ", known) + ")";
      }
      at = next;
    }
    return null;
  }

  private static String message(Exception e) {
    if (e instanceof StepExecutor.StepFailed || e.getCause() == null) {
      return e.getMessage();
    }
    return e.getMessage() + " (" + e.getCause().getMessage() + ")";
  }

  /**
   * Local defaults. Spark: no web UI (saves start-up time and a port) and one SparkContext for all the
   * steps of a run instead of one per step. Users can override each with -D.
   */
  static void localRunnerDefaults() {
    setIfAbsent("spark.ui.enabled", "false");
    // The AWS SDK (Beam's s3:// filesystem) otherwise probes the EC2 metadata service for a region
    // at start-up: a network call off this machine and seconds of time-out. On EC2/EMR, pass
    // -Daws.disableEc2Metadata=false (and drop -Daws.region) to use instance credentials.
    setIfAbsent("aws.disableEc2Metadata", "true");
    if (System.getenv("AWS_REGION") == null) {
      setIfAbsent("aws.region", "us-east-1");
    }
    setIfAbsent("beam.spark.test.reuseSparkContext", "true");
  }

  static void setIfAbsent(String key, String value) {
    BeamCommand.setIfAbsent(key, value);
  }
}
