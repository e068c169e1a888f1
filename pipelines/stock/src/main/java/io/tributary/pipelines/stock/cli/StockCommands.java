package io.tributary.pipelines.stock.cli;

import io.tributary.core.cli.CommandProvider;

/** Registers {@code tributary stock} with the CLI (listed in META-INF/services). */
public final class StockCommands implements CommandProvider {
  @Override
  public Object command() {
    return new StockCommand();
  }

  @Override
  public int order() {
    return 30;
  }
}
