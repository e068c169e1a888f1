package io.tributary.pipelines.stock;

import io.tributary.core.table.TableOutput;
import io.tributary.schemas.StockSchemas;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.io.ReadTabular;
import io.tributary.transforms.joins.JoinParentChildren;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * {@code stock load-product}: the monthly product mapping (custom_label, part_number, supplier) from
 * a CSV or xlsx export replaces {@code stock.product} (the previous load stays readable as an earlier
 * snapshot). A part may be sold under several labels: one row per (supplier, part_number,
 * custom_label), and a feed row of that part gives one supplier_stock row per label. The same triple
 * listed twice is rejected in every copy (a copy-paste error the owner should see). A load with no
 * valid row is refused: the table keeps its rows.
 */
public final class LoadProduct extends StockStep {
  public static final String NAME = "load-product";

  /** Every row read is written or dead-lettered: checked before the commit. */
  @Override
  public boolean balanced() {
    return true;
  }

  private final String source;

  public LoadProduct(StockOptions options) {
    super(NAME, options, StockTables.PRODUCT);
    if (options.getSource() == null || options.getSource().isBlank()) {
      throw new IllegalArgumentException("load-product needs --source=FILE.csv or FILE.xlsx "
          + "(columns custom_label, part_number, supplier)");
    }
    this.source = options.getSource();
  }

  @Override
  protected void build(Pipeline pipeline) {
    PTransform<PCollection<Row>, PDone> deadLetters = tables().deadLetters(StockTables.DEAD_LETTERS);
    PCollectionTuple parsed = pipeline.apply("Read", ReadTabular.from(NAME, source, StockSchemas.PRODUCT));
    PCollectionTuple unique = parsed.get(ParseWithDeadLetters.PARSED).apply("UniquePart",
        JoinParentChildren.uniqueKeys(NAME, "product",
            r -> r.getString("supplier") + "|" + r.getString("part_number") + "|" + r.getString("custom_label")));
    unique.get(JoinParentChildren.PARENTS)
        .apply("Write", tables().write(TableOutput.overwrite(StockTables.PRODUCT).refusingEmpty()));
    PCollectionList.of(parsed.get(ParseWithDeadLetters.DEAD_LETTERS)).and(unique.get(JoinParentChildren.DEAD_LETTERS))
        .apply("AllDeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", deadLetters);
  }

  @Override
  protected String whenRefused() {
    return "no valid product row in " + source + " (its rejects are in " + StockTables.DEAD_LETTERS + ")";
  }
}
