package io.tributary.core.step;

import java.util.List;

/**
 * What one step did: the rows it took as its input and accounted for ({@link #read}: read =
 * written + dead-lettered where the step is balanced), all rows it read from lake tables
 * ({@link #tableRead}: counted by the core's table reader, whether or not they are also the step's
 * input, so the two can count the same rows), rows written and dead-lettered, and how long it took.
 */
public final class StepReport {
  public final String step;
  public final long read;
  public final long tableRead;
  public final long written;
  public final long deadLettered;
  public final long wallMillis;
  /** A line per table the step committed: operation, files, rows, snapshot id. */
  public final List<String> commits;

  public StepReport(String step, long read, long written, long deadLettered, long wallMillis) {
    this(step, read, 0, written, deadLettered, wallMillis, List.of());
  }

  public StepReport(String step, long read, long tableRead, long written, long deadLettered, long wallMillis,
      List<String> commits) {
    this.step = step;
    this.read = read;
    this.tableRead = tableRead;
    this.written = written;
    this.deadLettered = deadLettered;
    this.wallMillis = wallMillis;
    this.commits = List.copyOf(commits);
  }

  /**
   * The larger of {@link #read} and {@link #tableRead} per second: a step that joins lake tables
   * (inventory's groups) reads few input rows, and the two counts can hold the same rows.
   */
  public double rowsPerSecond() {
    return wallMillis == 0 ? 0 : Math.max(read, tableRead) * 1000.0 / wallMillis;
  }
}
