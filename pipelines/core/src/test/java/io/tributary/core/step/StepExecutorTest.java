package io.tributary.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.transforms.metrics.StepMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;

/**
 * The executor's check of a balanced step (rows read = written + dead-lettered, else no commit) and
 * its progress lines while a step runs.
 */
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

  /** Lines printed by the executor; a progress line opens {@link #PROGRESS_PRINTED}. */
  static final List<String> LINES = Collections.synchronizedList(new ArrayList<>());
  static volatile CountDownLatch PROGRESS_PRINTED;

  /** Counts 3 read, 1 dead-lettered, 2 written, then holds the step open until a progress line was printed. */
  static final class WaitForProgressFn extends DoFn<Integer, Integer> {
    private final StepMetrics metrics;

    WaitForProgressFn(StepMetrics metrics) {
      this.metrics = metrics;
    }

    @ProcessElement
    public void process(@Element Integer i) throws InterruptedException {
      metrics.read().inc(3);
      metrics.deadLettered().inc();
      metrics.written().inc(2);
      if (!PROGRESS_PRINTED.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no progress line within 60 s");
      }
    }
  }

  @Test
  void aRunningStepPrintsWhatItCountedSoFar() {
    LINES.clear();
    PROGRESS_PRINTED = new CountDownLatch(1);
    PrintStream log = new PrintStream(new ByteArrayOutputStream()) {
      @Override
      public void println(String line) {
        LINES.add(line);
        if (line.contains(" rows read ")) { // not the lines before the DoFn counted
          PROGRESS_PRINTED.countDown();
        }
      }
    };
    PipelineStep step = new PipelineStep() {
      @Override
      public String name() {
        return "slow";
      }

      @Override
      public void expand(Pipeline pipeline) {
        pipeline.apply(Create.of(1)).apply(ParDo.of(new WaitForProgressFn(StepMetrics.of(name()))));
      }
    };
    StepReport report = new StepExecutor(
        PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--progressSeconds=1").as(LakeOptions.class), log).run(step);
    assertEquals(List.of(3L, 2L, 1L), List.of(report.read, report.written, report.deadLettered));
    String progress = LINES.stream().filter(l -> l.contains(" rows read ")).findFirst().orElseThrow();
    assertTrue(progress.matches("\\[slow\\] running \\d+ min \\d\\d s: 3 rows read \\(\\d rows/s\\), 1 dead-lettered, 2 written so far"),
        progress);
  }

  @Test
  void aStepWhoseWorkersCountElsewhereSaysSo() {
    assertEquals("[elsewhere] running 2 min 05 s: no rows counted in this JVM yet (on a cluster the workers count: see its UI)",
        StepProgress.line("elsewhere", 125));
  }
}
