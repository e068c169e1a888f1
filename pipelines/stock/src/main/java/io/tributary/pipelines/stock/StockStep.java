package io.tributary.pipelines.stock;

import io.tributary.core.table.TableSpec;
import io.tributary.core.write.TableCommitter;
import io.tributary.core.step.TableStep;
import java.util.List;

/**
 * A stock step: a {@link TableStep} with one main table, whose committed partitions the
 * notification names. Every stock step declares its dead letters first, so a run whose main table
 * is refused (no valid row) still keeps its rejects, to show why.
 */
public abstract class StockStep extends TableStep {
  private final TableSpec table;

  protected StockStep(String name, StockOptions options, TableSpec table) {
    super(name, options);
    this.table = table;
  }

  /** The step's main table. */
  public final String table() {
    return table.name();
  }

  /** Partitions of the main table the commit changed ({@code ebay_store=AUTO/supplier=BET}); empty: the whole table. */
  public final List<String> partitions() {
    for (TableCommitter.Commit c : committed()) {
      if (c.table().equals(table.name())) {
        return c.partitions();
      }
    }
    return List.of();
  }
}
