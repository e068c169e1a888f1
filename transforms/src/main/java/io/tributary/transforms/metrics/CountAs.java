package io.tributary.transforms.metrics;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/** Passes elements through unchanged, counting them as read or written by a step. */
public final class CountAs<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private final String step;
  private final String counter;

  private CountAs(String step, String counter) {
    this.step = step;
    this.counter = counter;
  }

  public static <T> CountAs<T> read(String step) {
    return new CountAs<>(step, StepMetrics.READ);
  }

  public static <T> CountAs<T> written(String step) {
    return new CountAs<>(step, StepMetrics.WRITTEN);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    return input
        .apply(ParDo.of(new CountFn<T>(step, counter)))
        .setCoder(input.getCoder());
  }

  private static final class CountFn<T> extends DoFn<T, T> {
    private final org.apache.beam.sdk.metrics.Counter count;

    CountFn(String step, String counter) {
      this.count = StepMetrics.of(step).counter(counter);
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<T> out) {
      count.inc();
      out.output(element);
    }
  }
}
