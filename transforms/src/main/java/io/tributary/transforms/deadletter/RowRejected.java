package io.tributary.transforms.deadletter;

/** Thrown by a parser for input it cannot accept; the message becomes the dead letter's reason. */
public final class RowRejected extends RuntimeException {
  public RowRejected(String reason) {
    super(reason, null, false, false);
  }
}
