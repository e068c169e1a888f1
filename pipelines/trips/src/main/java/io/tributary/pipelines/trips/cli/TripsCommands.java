package io.tributary.pipelines.trips.cli;

import io.tributary.core.cli.CommandProvider;

/** Registers {@code tributary trips} with the CLI (listed in META-INF/services). */
public final class TripsCommands implements CommandProvider {
  @Override
  public Object command() {
    return new TripsCommand();
  }

  @Override
  public int order() {
    return 10;
  }
}
