package io.tributary.transforms.metrics;

import java.io.Serializable;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The counters every step reports, in namespace = step name, so a run summary can print rows read,
 * written and dead-lettered per step on any runner.
 */
public final class StepMetrics implements Serializable {
  public static final String READ = "rows_read";
  public static final String WRITTEN = "rows_written";
  public static final String DEAD_LETTERED = "rows_dead_lettered";

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

  public Counter deadLettered() {
    return Metrics.counter(step, DEAD_LETTERED);
  }
}
