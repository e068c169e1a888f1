package io.tributary.tools;

import io.tributary.core.cli.CommandProvider;

/** Registers {@code tributary invoices cdc-replay} (a tool: a test producer, not the product) under {@code invoices}. */
public final class InvoicesReplayCommands implements CommandProvider {
  @Override
  public Object command() {
    return new InvoicesReplayCommand();
  }

  @Override
  public int order() {
    return 55;
  }

  @Override
  public String parent() {
    return "invoices";
  }
}
