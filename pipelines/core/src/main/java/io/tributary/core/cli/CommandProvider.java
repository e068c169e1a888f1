package io.tributary.core.cli;

/**
 * A pipeline's commands, found by the {@code tributary} CLI through {@link java.util.ServiceLoader}:
 * each pipeline module lists its provider in
 * {@code META-INF/services/io.tributary.core.cli.CommandProvider}, so adding a pipeline touches only
 * its own module. The command is a picocli {@code @Command} object (its subcommands are the steps).
 */
public interface CommandProvider {
  /** A new instance of the pipeline's top command ({@code trips}, {@code stock}, ...). */
  Object command();

  /** Where it is listed among the pipelines (help, the known names of an unknown one): lower first. */
  int order();

  /**
   * The top command this one is a step of ({@code "invoices"} for a tool that belongs under
   * {@code tributary invoices} but lives in the tools module); null for a top command.
   */
  default String parent() {
    return null;
  }
}
