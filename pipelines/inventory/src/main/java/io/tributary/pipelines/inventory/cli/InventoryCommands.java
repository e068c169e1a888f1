package io.tributary.pipelines.inventory.cli;

import io.tributary.core.cli.CommandProvider;

/** Registers {@code tributary inventory} with the CLI (listed in META-INF/services). */
public final class InventoryCommands implements CommandProvider {
  @Override
  public Object command() {
    return new InventoryCommand();
  }

  @Override
  public int order() {
    return 40;
  }
}
