package io.tributary.core.step;

/** What one step did: rows read, written and dead-lettered, and how long it took. */
public final class StepReport {
  public final String step;
  public final long read;
  public final long written;
  public final long deadLettered;
  public final long wallMillis;
  /** A line per table the step committed: operation, files, rows, snapshot id. */
  public final java.util.List<String> commits;

  public StepReport(String step, long read, long written, long deadLettered, long wallMillis) {
    this(step, read, written, deadLettered, wallMillis, java.util.List.of());
  }

  public StepReport(String step, long read, long written, long deadLettered, long wallMillis,
      java.util.List<String> commits) {
    this.step = step;
    this.read = read;
    this.written = written;
    this.deadLettered = deadLettered;
    this.wallMillis = wallMillis;
    this.commits = java.util.List.copyOf(commits);
  }

  public double rowsPerSecond() {
    return wallMillis == 0 ? 0 : read * 1000.0 / wallMillis;
  }
}
