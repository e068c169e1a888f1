package io.tributary.pipelines;

/** What one step did: rows read, written and dead-lettered, and how long it took. */
public final class StepReport {
  public final String step;
  public final long read;
  public final long written;
  public final long deadLettered;
  public final long wallMillis;

  public StepReport(String step, long read, long written, long deadLettered, long wallMillis) {
    this.step = step;
    this.read = read;
    this.written = written;
    this.deadLettered = deadLettered;
    this.wallMillis = wallMillis;
  }

  public double rowsPerSecond() {
    return wallMillis == 0 ? 0 : read * 1000.0 / wallMillis;
  }
}
