package io.tributary.tools;

import io.tributary.core.cli.CommandProvider;

/** Registers {@code tributary bench} (a tool) with the CLI, listed in META-INF/services. */
public final class BenchCommands implements CommandProvider {
  @Override
  public Object command() {
    return new BenchCommand();
  }

  @Override
  public int order() {
    return 70;
  }
}
