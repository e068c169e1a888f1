package io.tributary.transforms.metrics;

import java.io.Serializable;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The counters every step reports, in namespace = step name, so a run summary can print rows read,
 * written and dead-lettered per step on any runner. Rows read from input files and tables outside
 * the lake are {@link #READ} and must add up (read = written + dead-lettered); rows read from lake
 * tables another step already checked are {@link #TABLE_READ}, counted apart: a step that joins two
 * tables reads many rows per row it writes.
 */
public final class StepMetrics implements Serializable {
  public static final String READ = "rows_read";
  public static final String WRITTEN = "rows_written";
  public static final String DEAD_LETTERED = "rows_dead_lettered";
  public static final String TABLE_READ = "table_rows_read";

  private final String step;

  private StepMetrics(String step) {
    this.step = step;
  }

  public static StepMetrics of(String step) {
    return new StepMetrics(step);
  }

  public Counter read() {
    return Metrics.counter(step, READ);
  }

  public Counter written() {
    return Metrics.counter(step, WRITTEN);
  }

  public Counter tableRead() {
    return Metrics.counter(step, TABLE_READ);
  }

  public Counter deadLettered() {
    return Metrics.counter(step, DEAD_LETTERED);
  }
}
