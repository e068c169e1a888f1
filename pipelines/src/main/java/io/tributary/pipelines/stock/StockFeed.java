package io.tributary.pipelines.stock;

import io.tributary.pipelines.Lake;

import io.tributary.pipelines.StepReport;
import io.tributary.schemas.StockSchemas;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.joins.LookupJoin;
import io.tributary.transforms.lake.ReadParquetRows;
import io.tributary.transforms.lake.WriteParquetPartitions;
import io.tributary.transforms.xlsx.ReadXlsxRows;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;

/**
 * {@code stock feed}: one supplier's stock feed (xlsx) for one day into
 * {@code supplier_stock/supplier=S/year=/month=/day=/}: the seed's process_stock_feed and add_partition.
 * Steps: read the first sheet (streaming), apply the supplier's rule from config, look the part up in
 * {@code product} by (supplier, part_number) for its custom_label (RTG: invert against the RTG store
 * listings instead), write the day, then on success publish it (replacing a previous run of the same
 * supplier and day), mark it {@code _SUCCESS} and refresh the partition manifest.
 */
public final class StockFeed extends StagedStockStep {
  public static final String NAME = "feed";

  private final FeedFile feed;
  private final SupplierRule rule;
  private final String partition;

  public StockFeed(StockOptions options) {
    this(options, feedFile(options));
  }

  private StockFeed(StockOptions options, FeedFile feed) {
    super(NAME, options, StockLake.SUPPLIER_STOCK, NAME + "/" + StockLake.stockPartition(feed.supplier, feed.date));
    this.feed = feed;
    this.rule = SupplierRules.load(Path.of(options.getSuppliersConfig())).rule(feed.supplier);
    this.partition = StockLake.stockPartition(feed.supplier, feed.date);
  }

  private static FeedFile feedFile(StockOptions options) {
    if (options.getSource() == null || options.getSource().isBlank()) {
      throw new IllegalArgumentException("feed needs the supplier's xlsx file (stock_feed/year=YYYY/month=MM/day=DD/"
          + "SUPPLIER_*.xlsx, or any path with --supplier and --date)");
    }
    return FeedFile.of(options.getSource(), blankToNull(options.getSupplier()), day(options.getDate(), Lake.dates(options)));
  }

  /** {@code --date} (null when not given), within the run's valid range. */
  public static LocalDate day(String date, io.tributary.transforms.validation.DateRange range) {
    if (date == null || date.isBlank()) {
      return null;
    }
    try {
      return range.checkFlag("--date", LocalDate.parse(date.trim()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--date must be yyyy-MM-dd, got '" + date + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  public String supplier() {
    return feed.supplier;
  }

  public LocalDate date() {
    return feed.date;
  }

  @Override
  public List<String> partitions() {
    return List.of(partition);
  }

  @Override
  public void expand(Pipeline pipeline) {
    PCollectionTuple parsed = pipeline
        .apply("ReadFeed", ReadXlsxRows.from(options.getSource()).withHeaderRows(rule.headerRow))
        .apply("ApplyRule", ParseWithDeadLetters.of(NAME, StockSchemas.FEED_ROW, new FeedParser(rule)));
    PCollection<Row> feedRows = parsed.get(ParseWithDeadLetters.PARSED);

    PCollection<Row> stock;
    PCollection<Row> unmatched;
    if (rule.quantity == SupplierRule.Quantity.RTG_INVERTED) {
      String storeFiles = lake.storeFiles("RTG", "RTG");
      if (!ReadParquetRows.anyMatch(storeFiles)) {
        throw new IllegalArgumentException("the RTG feed is inverted against the RTG store listings, but there are none "
            + "(" + storeFiles + "): run stock load-store first");
      }
      PCollectionTuple inverted = PCollectionTuple.of(InvertRtgFeed.FEED, feedRows)
          .and(InvertRtgFeed.STORE, pipeline.apply("ReadRtgStore", ReadParquetRows.from(storeFiles, StockSchemas.STORE)))
          .apply("InvertRtg", new InvertRtgFeed(NAME, feed.date));
      stock = inverted.get(InvertRtgFeed.STOCK);
      unmatched = inverted.get(InvertRtgFeed.DEAD_LETTERS);
    } else {
      String productFiles = lake.files(StockLake.PRODUCT);
      if (!ReadParquetRows.anyMatch(productFiles)) {
        throw new IllegalArgumentException("no product table at " + productFiles + ": run stock load-product first");
      }
      String supplier = feed.supplier;
      PCollection<Row> products = pipeline
          .apply("ReadProduct", ReadParquetRows.from(productFiles, StockSchemas.PRODUCT))
          .apply("OfSupplier", Filter.by((Row p) -> supplier.equals(p.getString("supplier"))));
      PCollectionTuple joined = PCollectionTuple.of(LookupJoin.MAIN, feedRows).and(LookupJoin.LOOKUP, products)
          .apply("LookupProduct", LookupJoin.of(NAME, "feed part_number", (Row r) -> r.getString("part_number"),
              "product of supplier " + supplier, (Row r) -> r.getString("part_number")));
      stock = joined.get(LookupJoin.JOINED)
          .apply("ToSupplierStock", ParDo.of(new ToStockFn(feed.date)))
          .setRowSchema(StockSchemas.SUPPLIER_STOCK);
      unmatched = joined.get(LookupJoin.DEAD_LETTERS);
    }
    stock.apply("Write", WriteParquetPartitions.unpartitioned(NAME, staging + "/" + partition, runId())
        .withFileName("data"));
    writeDeadLetters(PCollectionList.of(parsed.get(ParseWithDeadLetters.DEAD_LETTERS)).and(unmatched));
  }

  @Override
  public void commit(StepReport report) {
    publishDeadLettersOrRefuse(report.written, "no row of " + options.getSource() + " matched a " + feed.supplier
        + " product");
    StockCatalog.markSuccess(staging + "/" + partition, report.written, runId());
    table.publish(staging, partitions(), runId());
    new StockCatalog(lake).refreshManifest();
  }

  /** The Hive/Athena statement registering the day just published. */
  public String addPartitionStatement() {
    return new StockCatalog(lake).addPartition(feed.supplier, feed.date);
  }

  /** One supplier_stock row per product the part is sold as. */
  private static final class ToStockFn extends DoFn<KV<Row, List<Row>>, Row> {
    private final LocalDate day;

    ToStockFn(LocalDate day) {
      this.day = day;
    }

    @ProcessElement
    public void process(@Element KV<Row, List<Row>> joined, OutputReceiver<Row> out) {
      Row feed = joined.getKey();
      for (Row product : joined.getValue()) {
        out.output(Row.withSchema(StockSchemas.SUPPLIER_STOCK).addValues(product.getString("custom_label"),
            feed.getString("part_number"), feed.getString("supplier"), feed.getInt32("quantity"), day).build());
      }
    }
  }
}
