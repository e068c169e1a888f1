package io.tributary.pipelines.invoices.cli;

import io.tributary.core.cli.CommandProvider;

/** Registers {@code tributary invoices} with the CLI (listed in META-INF/services). */
public final class InvoicesCommands implements CommandProvider {
  @Override
  public Object command() {
    return new InvoicesCommand();
  }

  @Override
  public int order() {
    return 20;
  }
}
