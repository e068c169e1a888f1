package io.tributary.core.step;

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

  /**
   * True for a step whose every row read ends up either written or dead-lettered (a load, an
   * ingest): the executor then refuses to commit when the counters say otherwise, since rows went
   * missing (the kind of loss a runner's file naming once caused while every step "succeeded").
   * Steps that aggregate, deduplicate or fan out are not balanced.
   */
  default boolean balanced() {
    return false;
  }

  /** What {@link #commit} did, a line per table (snapshot ids), for the log and the run summary. */
  default java.util.List<String> commits() {
    return java.util.List.of();
  }
}
