package io.tributary.pipelines;

import org.apache.beam.sdk.Pipeline;

/**
 * One step of a pipeline: builds its Beam graph, then publishes (or discards) what it staged once
 * the runner reports the outcome. Keeping publication outside the graph is what lets a failed run
 * leave the previous outputs intact on every runner.
 */
public interface PipelineStep {
  /** Short name, also the metrics namespace of the step's counters. */
  String name();

  void expand(Pipeline pipeline);

  /** Called after the pipeline finished successfully. */
  default void commit() {}

  /**
   * Called after the pipeline finished successfully, with what it counted; a step may refuse to
   * publish (say, a load in which every row was rejected) by throwing: it is then aborted.
   */
  default void commit(StepReport report) {
    commit();
  }

  /** Called after the pipeline failed or was cancelled. */
  default void abort() {}

  /** What {@link #commit} did, a line per table (snapshot ids), for the log and the run summary. */
  default java.util.List<String> commits() {
    return java.util.List.of();
  }
}
