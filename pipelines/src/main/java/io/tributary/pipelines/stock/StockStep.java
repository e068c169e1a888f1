package io.tributary.pipelines.stock;

import io.tributary.pipelines.PipelineStep;
import java.util.List;

/** A stock step: after it committed, which table and partitions it published (for the notification). */
public interface StockStep extends PipelineStep {
  String table();

  /** Partitions published, relative to the table ({@code ""} = the whole table). */
  List<String> partitions();
}
