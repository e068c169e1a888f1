package io.tributary.tools;

import io.tributary.core.cli.CommandProvider;

/** Registers {@code tributary dev} (a tool) with the CLI, listed in META-INF/services. */
public final class DevCommands implements CommandProvider {
  @Override
  public Object command() {
    return new DevCommand();
  }

  @Override
  public int order() {
    return 50;
  }
}
