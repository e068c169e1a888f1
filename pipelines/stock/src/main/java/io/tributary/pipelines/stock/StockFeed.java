package io.tributary.pipelines.stock;

import io.tributary.core.read.ReadTable;
import io.tributary.core.table.TableOutput;
import io.tributary.core.step.Lake;
import io.tributary.schemas.StockSchemas;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.joins.LookupJoin;
import io.tributary.transforms.xlsx.ReadXlsxRows;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.expressions.Expressions;

/**
 * {@code stock feed}: one supplier's stock feed (xlsx) for one day into {@code stock.supplier_stock}
 * (the seed's process_stock_feed; its add_partition is the commit itself: every engine reading the
 * catalog sees the new day). Steps: read the first sheet (streaming), apply the supplier's rule from
 * config, look the part up in {@code stock.product} by (supplier, part_number) for its custom_label
 * (RTG: invert against the RTG store listings instead), and replace that supplier's day. A feed of
 * which no row matched is refused: the day keeps its rows.
 */
public final class StockFeed extends StockStep {
  public static final String NAME = "feed";

  private final StockOptions options;
  private final FeedFile feed;
  private final SupplierRule rule;

  public StockFeed(StockOptions options) {
    this(options, feedFile(options));
  }

  private StockFeed(StockOptions options, FeedFile feed) {
    super(NAME, options, StockTables.SUPPLIER_STOCK);
    this.options = options;
    this.feed = feed;
    this.rule = SupplierRules.load(Path.of(options.getSuppliersConfig())).rule(feed.supplier);
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
  protected void build(Pipeline pipeline) {
    PTransform<PCollection<Row>, PDone> deadLetters = tables().deadLetters(StockTables.DEAD_LETTERS);
    PCollectionTuple parsed = pipeline
        .apply("ReadFeed", ReadXlsxRows.from(options.getSource()).withHeaderRows(rule.headerRow))
        .apply("ApplyRule", ParseWithDeadLetters.of(NAME, StockSchemas.FEED_ROW, new FeedParser(rule)));
    PCollection<Row> feedRows = parsed.get(ParseWithDeadLetters.PARSED);

    PCollection<Row> stock;
    PCollection<Row> unmatched;
    if (rule.quantity == SupplierRule.Quantity.RTG_INVERTED) {
      ReadTable rtgStore = tables().read(StockTables.STORE, ReadTable.Version.current(),
              "the RTG feed is inverted against the RTG store listings: run stock load-store first")
          .where(Expressions.and(Expressions.equal("ebay_store", "RTG"), Expressions.equal("supplier", "RTG")));
      if (rtgStore.plan().isEmpty()) {
        throw new IllegalArgumentException("the RTG feed is inverted against the RTG store listings, but "
            + StockTables.STORE + " has none (ebay_store RTG, supplier RTG): run stock load-store first");
      }
      PCollectionTuple inverted = PCollectionTuple.of(InvertRtgFeed.FEED, feedRows)
          .and(InvertRtgFeed.STORE, pipeline.apply("ReadRtgStore", rtgStore))
          .apply("InvertRtg", new InvertRtgFeed(NAME, feed.date));
      stock = inverted.get(InvertRtgFeed.STOCK);
      unmatched = inverted.get(InvertRtgFeed.DEAD_LETTERS);
    } else {
      if (!tables().hasRows(StockTables.PRODUCT)) {
        throw new IllegalArgumentException("no " + StockTables.PRODUCT + " table yet: run stock load-product first");
      }
      String supplier = feed.supplier;
      PCollection<Row> products = pipeline.apply("ReadProduct",
          tables().read(StockTables.PRODUCT, ReadTable.Version.current(), "run stock load-product first")
              .where(Expressions.equal("supplier", supplier)));
      PCollectionTuple joined = PCollectionTuple.of(LookupJoin.MAIN, feedRows).and(LookupJoin.LOOKUP, products)
          .apply("LookupProduct", LookupJoin.of(NAME, "feed part_number", (Row r) -> r.getString("part_number"),
              "product of supplier " + supplier, (Row r) -> r.getString("part_number")));
      stock = joined.get(LookupJoin.JOINED)
          .apply("ToSupplierStock", ParDo.of(new ToStockFn(feed.date)))
          .setRowSchema(StockSchemas.SUPPLIER_STOCK);
      unmatched = joined.get(LookupJoin.DEAD_LETTERS);
    }
    stock.apply("Write", tables().write(TableOutput.replacePartitions(StockTables.SUPPLIER_STOCK).refusingEmpty()));
    PCollectionList.of(parsed.get(ParseWithDeadLetters.DEAD_LETTERS)).and(unmatched)
        .apply("AllDeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", deadLetters);
  }

  @Override
  protected String whenRefused() {
    return "no row of " + options.getSource() + " matched a " + feed.supplier + " product (its rejects are in "
        + StockTables.DEAD_LETTERS + "; supplier " + feed.supplier + "'s " + feed.date + " is as it was)";
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
