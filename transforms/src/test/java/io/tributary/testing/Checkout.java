package io.tributary.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout's root, found from the module a test runs in (modules sit at different depths:
 * {@code transforms/}, {@code pipelines/trips/}), for the samples and config the repository ships.
 */
public final class Checkout {
  private Checkout() {}

  /** The folder holding {@code samples/} and {@code config/suppliers.yaml}, at or above the working directory. */
  public static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("samples")) && Files.exists(dir.resolve("config/suppliers.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no checkout (samples/ and config/suppliers.yaml) at or above " + Path.of("").toAbsolutePath());
  }

  /** {@code relative} inside the checkout ({@code samples/trips.csv}). */
  public static Path path(String relative) {
    return root().resolve(relative);
  }
}
