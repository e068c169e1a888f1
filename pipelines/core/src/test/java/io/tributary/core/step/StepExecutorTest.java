package io.tributary.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.transforms.metrics.StepMetrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;

/** The executor's check of a balanced step: rows read = written + dead-lettered, else no commit. */
class StepExecutorTest {
  /** Reads 1..5, dead-letters 5, writes the rest except {@code lose}; records whether it committed. */
  static final class CountingStep implements PipelineStep {
    final int lose;
    final List<String> calls = new ArrayList<>();

    CountingStep(int lose) {
      this.lose = lose;
    }

    @Override
    public String name() {
      return "counting-" + lose;
    }

    @Override
    public boolean balanced() {
      return true;
    }

    @Override
    public void expand(Pipeline pipeline) {
      pipeline.apply(Create.of(1, 2, 3, 4, 5)).apply(ParDo.of(new CountFn(StepMetrics.of(name()), lose)));
    }

    @Override
    public void commit(StepReport report) {
      calls.add("commit");
    }

    @Override
    public void abort() {
      calls.add("abort");
    }
  }

  static final class CountFn extends DoFn<Integer, Integer> {
    private final StepMetrics metrics;
    private final int lost;

    CountFn(StepMetrics metrics, int lost) {
      this.metrics = metrics;
      this.lost = lost;
    }

    @ProcessElement
    public void process(@Element Integer i) {
      metrics.read().inc();
      if (i == 5) {
        metrics.deadLettered().inc();
      } else if (i != lost) {
        metrics.written().inc();
      }
    }
  }

  private static StepExecutor executor() {
    return new StepExecutor(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create(), System.err);
  }

  @Test
  void aBalancedStepCommitsWhenEveryRowIsAccountedFor() {
    CountingStep step = new CountingStep(0);
    StepReport report = executor().run(step);
    assertEquals(List.of(5L, 4L, 1L), List.of(report.read, report.written, report.deadLettered));
    assertEquals(List.of("commit"), step.calls);
  }

  @Test
  void aBalancedStepThatLostARowIsAbortedNotCommitted() {
    CountingStep step = new CountingStep(3);
    StepExecutor.StepFailed failed = assertThrows(StepExecutor.StepFailed.class, () -> executor().run(step));
    assertTrue(failed.getMessage().contains("5 read, 3 written, 1 dead-lettered (1 unaccounted for)"), failed.getMessage());
    assertEquals(List.of("abort"), step.calls);
  }
}
