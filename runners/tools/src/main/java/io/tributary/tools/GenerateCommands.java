package io.tributary.tools;

import io.tributary.core.cli.CommandProvider;

/** Registers {@code tributary generate} (a tool) with the CLI, listed in META-INF/services. */
public final class GenerateCommands implements CommandProvider {
  @Override
  public Object command() {
    return new GenerateCommand();
  }

  @Override
  public int order() {
    return 60;
  }
}
