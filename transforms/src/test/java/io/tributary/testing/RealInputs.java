package io.tributary.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files other producers wrote ({@code ../shared/real-inputs} beside the checkout), read in place.
 * Missing is a failure, not a skip: CI always has them.
 */
public final class RealInputs {
  private RealInputs() {}

  public static Path path(String relative) {
    Path base = Checkout.root().getParent().resolve("shared").resolve("real-inputs");
    Path p = base.resolve(relative);
    if (Files.exists(p)) {
      return p;
    }
    throw new IllegalStateException("real input " + relative + " not found under " + base + " (../shared/real-inputs"
        + " beside the checkout)");
  }
}
