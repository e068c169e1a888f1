package io.tributary.core.step;

import io.tributary.transforms.metrics.StepMetrics;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Runs pipeline steps one after another on the chosen runner: builds the graph, runs it, waits,
 * publishes the step's output only on success, and reads the step's counters for the summary.
 */
public final class StepExecutor {
  private final PipelineOptions options;
  private final PrintStream log;

  public StepExecutor(PipelineOptions options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  public StepReport run(PipelineStep step) {
    long start = System.currentTimeMillis();
    log.printf("[%s] started on %s%n", step.name(), options.getRunner().getSimpleName());
    Pipeline pipeline = Pipeline.create(options);
    step.expand(pipeline);
    PipelineResult result;
    try (StepProgress progress = StepProgress.start(step.name(), options.as(LakeOptions.class).getProgressSeconds(), log)) {
      result = pipeline.run();
      PipelineResult.State state = result.waitUntilFinish();
      if (state != null && state != PipelineResult.State.DONE) {
        throw new IllegalStateException("pipeline ended in state " + state);
      }
    } catch (RuntimeException e) {
      step.abort();
      throw new StepFailed(step.name(), e);
    }
    long wall = System.currentTimeMillis() - start;
    MetricQueryResults metrics = result.metrics().queryMetrics(
        MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(step.name())).build());
    Function<String, Long> counter = name -> {
      long sum = 0;
      for (MetricResult<Long> c : metrics.getCounters()) {
        if (c.getName().getName().equals(name)) {
          Long v = c.getAttempted();
          sum += v == null ? 0 : v;
        }
      }
      return sum;
    };
    StepReport report = new StepReport(step.name(), counter.apply(StepMetrics.READ), counter.apply(StepMetrics.TABLE_READ),
        counter.apply(StepMetrics.WRITTEN), counter.apply(StepMetrics.DEAD_LETTERED), wall, List.of());
    try {
      if (step.balanced() && report.read != report.written + report.deadLettered) {
        throw new IllegalStateException("rows do not add up: " + report.read + " read, " + report.written + " written, "
            + report.deadLettered + " dead-lettered (" + (report.read - report.written - report.deadLettered)
            + " unaccounted for): nothing committed");
      }
      step.commit(report);
    } catch (RuntimeException e) {
      step.abort();
      throw new StepFailed(step.name(), e);
    }
    log.printf("[%s] done in %.1f s: %d read%s, %d written, %d dead-lettered%n", step.name(), wall / 1000.0,
        report.read, report.tableRead == 0 ? "" : " (and " + report.tableRead + " lake-table rows)", report.written,
        report.deadLettered);
    for (String commit : step.commits()) {
      log.printf("[%s] %s%n", step.name(), commit);
    }
    return new StepReport(report.step, report.read, report.tableRead, report.written, report.deadLettered,
        report.wallMillis, step.commits());
  }

  /** A step failed; its staged output was discarded and the published one is untouched. */
  public static final class StepFailed extends RuntimeException {
    public StepFailed(String step, Throwable cause) {
      super("step '" + step + "' failed (previous outputs left intact): "
          + io.tributary.transforms.secrets.Redact.text(rootMessage(cause)), cause);
    }

    private static String rootMessage(Throwable t) {
      Throwable root = t;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
  }
}
