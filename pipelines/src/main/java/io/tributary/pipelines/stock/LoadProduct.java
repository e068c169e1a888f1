package io.tributary.pipelines.stock;

import io.tributary.pipelines.Lake;
import io.tributary.pipelines.StepReport;
import io.tributary.schemas.StockSchemas;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.deadletter.WriteDeadLetters;
import io.tributary.transforms.io.ReadTabular;
import io.tributary.transforms.joins.JoinParentChildren;
import io.tributary.transforms.lake.ReplaceDirectory;
import io.tributary.transforms.lake.VersionedTable;
import io.tributary.transforms.lake.WriteParquetPartitions;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * {@code stock load-product}: the monthly product mapping (custom_label, part_number, supplier) from
 * a CSV or xlsx export replaces {@code product/data.parquet}; the previous file is kept as a version.
 * A (supplier, part_number) listed twice is rejected in every copy: which label would a feed get?
 */
public final class LoadProduct implements StockStep {
  public static final String NAME = "load-product";

  private final StockOptions options;
  private final VersionedTable table;
  private final String staging;
  private final String deadLetters;
  private final String deadLetterStaging;

  public LoadProduct(StockOptions options) {
    if (options.getSource() == null || options.getSource().isBlank()) {
      throw new IllegalArgumentException("load-product needs --source=FILE.csv or FILE.xlsx "
          + "(columns custom_label, part_number, supplier)");
    }
    this.options = options;
    StockLake lake = new StockLake(options);
    this.table = lake.table(StockLake.PRODUCT);
    this.staging = table.staging(Lake.runId(options));
    this.deadLetters = lake.deadLetters(NAME);
    this.deadLetterStaging = ReplaceDirectory.staging(deadLetters, Lake.runId(options));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String table() {
    return StockLake.PRODUCT;
  }

  @Override
  public List<String> partitions() {
    return List.of("");
  }

  @Override
  public void expand(Pipeline pipeline) {
    PCollectionTuple parsed = pipeline.apply("Read", ReadTabular.from(NAME, options.getSource(), StockSchemas.PRODUCT));
    PCollectionTuple unique = parsed.get(ParseWithDeadLetters.PARSED).apply("UniquePart",
        JoinParentChildren.uniqueKeys(NAME, "product", r -> r.getString("supplier") + "|" + r.getString("part_number")));
    unique.get(JoinParentChildren.PARENTS).apply("Write",
        WriteParquetPartitions.unpartitioned(NAME, staging, Lake.runId(options)).withFileName("data"));
    PCollectionList.of(parsed.get(ParseWithDeadLetters.DEAD_LETTERS)).and(unique.get(JoinParentChildren.DEAD_LETTERS))
        .apply("DeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", WriteDeadLetters.to(deadLetterStaging, Lake.runId(options)));
  }

  @Override
  public void commit(StepReport report) {
    ReplaceDirectory.commit(deadLetterStaging, deadLetters);
    if (report.written == 0) {
      throw new IllegalStateException("no valid product row in " + options.getSource()
          + ": product table left as it was (rejects in " + deadLetters + ")");
    }
    table.publish(staging, partitions(), Lake.runId(options));
  }

  @Override
  public void abort() {
    table.discard(staging);
    ReplaceDirectory.discard(deadLetterStaging);
  }
}
