package io.tributary.transforms.metrics;

import java.io.Serializable;
import org.apache.beam.sdk.metrics.Counter;

/**
 * The counters every step reports, in namespace = step name, so a run summary can print rows read,
 * written and dead-lettered per step on any runner. Rows read from input files and tables outside
 * the lake are {@link #READ} and must add up (read = written + dead-lettered); rows read from lake
 * tables another step already checked are {@link #TABLE_READ}, counted apart: a step that joins two
 * tables reads many rows per row it writes. Each is also counted in {@link LocalProgress}, for the
 * progress lines of a long step.
 */
public final class StepMetrics implements Serializable {
  public static final String READ = "rows_read";
  public static final String WRITTEN = "rows_written";
  public static final String DEAD_LETTERED = "rows_dead_lettered";
  public static final String TABLE_READ = "table_rows_read";

  private final String step;
  // Built once per deserialized copy: the hot loops call read().inc() per row.
  private transient Counter read;
  private transient Counter written;
  private transient Counter tableRead;
  private transient Counter deadLettered;

  private StepMetrics(String step) {
    this.step = step;
  }

  public static StepMetrics of(String step) {
    return new StepMetrics(step);
  }

  public Counter read() {
    Counter c = read;
    return c != null ? c : (read = counter(READ));
  }

  public Counter written() {
    Counter c = written;
    return c != null ? c : (written = counter(WRITTEN));
  }

  public Counter tableRead() {
    Counter c = tableRead;
    return c != null ? c : (tableRead = counter(TABLE_READ));
  }

  public Counter deadLettered() {
    Counter c = deadLettered;
    return c != null ? c : (deadLettered = counter(DEAD_LETTERED));
  }

  /** A counter of the step by name (one of the above, or the step's own), also counted in {@link LocalProgress}. */
  public Counter counter(String name) {
    return LocalProgress.counter(step, name);
  }
}
