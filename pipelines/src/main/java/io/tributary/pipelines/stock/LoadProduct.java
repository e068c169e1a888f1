package io.tributary.pipelines.stock;

import io.tributary.pipelines.StepReport;
import io.tributary.schemas.StockSchemas;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.io.ReadTabular;
import io.tributary.transforms.joins.JoinParentChildren;
import io.tributary.transforms.lake.WriteParquetPartitions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * {@code stock load-product}: the monthly product mapping (custom_label, part_number, supplier) from
 * a CSV or xlsx export replaces {@code product/data.parquet}; the previous file is kept as a version.
 * A part may be sold under several labels: one row per (supplier, part_number, custom_label), and a
 * feed row of that part gives one supplier_stock row per label. The same triple listed twice is
 * rejected in every copy (a copy-paste error the owner should see).
 */
public final class LoadProduct extends StagedStockStep {
  public static final String NAME = "load-product";

  public LoadProduct(StockOptions options) {
    super(NAME, required(options), StockLake.PRODUCT, NAME);
  }

  private static StockOptions required(StockOptions options) {
    if (options.getSource() == null || options.getSource().isBlank()) {
      throw new IllegalArgumentException("load-product needs --source=FILE.csv or FILE.xlsx "
          + "(columns custom_label, part_number, supplier)");
    }
    return options;
  }

  @Override
  public void expand(Pipeline pipeline) {
    PCollectionTuple parsed = pipeline.apply("Read", ReadTabular.from(NAME, options.getSource(), StockSchemas.PRODUCT));
    PCollectionTuple unique = parsed.get(ParseWithDeadLetters.PARSED).apply("UniquePart",
        JoinParentChildren.uniqueKeys(NAME, "product",
            r -> r.getString("supplier") + "|" + r.getString("part_number") + "|" + r.getString("custom_label")));
    unique.get(JoinParentChildren.PARENTS).apply("Write",
        WriteParquetPartitions.unpartitioned(NAME, staging, runId()).withFileName("data"));
    writeDeadLetters(PCollectionList.of(parsed.get(ParseWithDeadLetters.DEAD_LETTERS))
        .and(unique.get(JoinParentChildren.DEAD_LETTERS)));
  }

  @Override
  public void commit(StepReport report) {
    publishDeadLettersOrRefuse(report.written, "no valid product row in " + options.getSource());
    table.publish(staging, partitions(), runId());
  }
}
