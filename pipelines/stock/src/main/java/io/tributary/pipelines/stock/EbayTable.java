package io.tributary.pipelines.stock;

import io.tributary.core.read.ReadTable;
import io.tributary.core.table.TableOutput;
import io.tributary.core.step.Exports;
import io.tributary.core.step.Lake;
import io.tributary.core.step.StepReport;
import io.tributary.schemas.StockSchemas;
import io.tributary.transforms.joins.KeyedCoGroup;
import io.tributary.transforms.lake.PartitionPath;
import io.tributary.transforms.metrics.CountAs;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.iceberg.expressions.Expressions;

/**
 * {@code stock ebay}: the seed's generate_ebay_table. The latest two supplier_stock snapshots up to
 * the day give each (supplier, custom_label) its quantity and change ({@link LatestTwoSnapshots});
 * joined to every store listing of that label, one row per item_id, into {@code stock.ebay} (the
 * whole table overwritten; earlier runs stay readable as snapshots) and the eBay File Exchange
 * upload {@code exports/ebay/ebay_store=E/revise.csv}, which leaves out listings whose quantity did
 * not change, moved into place after the table committed.
 */
public final class EbayTable extends StockStep {
  public static final String NAME = "ebay";
  public static final String REVISE_HEADER = "Action,ItemID,SiteID,Currency,Quantity,Store";

  private final LocalDate day;
  private final Exports exports;
  private final String reviseStaging;

  public EbayTable(StockOptions options) {
    super(NAME, options, StockTables.EBAY);
    LocalDate given = StockFeed.day(options.getDate(), io.tributary.core.step.Lake.dates(options));
    this.day = given != null ? given : LocalDate.now(ZoneOffset.UTC);
    this.exports = new Exports(runId());
    this.reviseStaging = exports.stage(StockTables.ebayExports(Lake.root(options)));
  }

  public LocalDate day() {
    return day;
  }

  @Override
  protected void build(Pipeline pipeline) {
    List<String> missing = new ArrayList<>();
    if (!tables().hasRows(StockTables.SUPPLIER_STOCK)) {
      missing.add("no " + StockTables.SUPPLIER_STOCK + " rows: run stock feed first");
    }
    if (!tables().hasRows(StockTables.STORE)) {
      missing.add("no " + StockTables.STORE + " rows: run stock load-store first");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("stock ebay cannot run: " + String.join("; ", missing));
    }
    PTransform<PCollection<Row>, PDone> deadLetters = tables().deadLetters(StockTables.DEAD_LETTERS);
    // Days after the eBay day are never read (pruned by partition).
    PCollection<Row> latest = pipeline
        .apply("ReadSupplierStock", tables().read(StockTables.SUPPLIER_STOCK, ReadTable.Version.current(), "")
            .where(Expressions.lessThanOrEqual("updated_date", day.toString())))
        .apply("CountStock", CountAs.read(NAME))
        .apply("LatestTwo", new LatestTwoSnapshots(day));
    PCollection<Row> store = pipeline.apply("ReadStore", tables().read(StockTables.STORE, ReadTable.Version.current(), ""));

    PCollectionTuple joined = PCollectionTuple.of(KeyedCoGroup.LEFT, latest).and(KeyedCoGroup.RIGHT, store)
        .apply("PerListing", KeyedCoGroup.<Row>builder(NAME)
            .leftKey(r -> r.getString("custom_label")).rightKey(r -> r.getString("custom_label"))
            .resolver(EbayTable::perListing)
            .successTag(EBAY).successSchema(StockSchemas.EBAY).failureTag(DEAD)
            .build());
    PCollection<Row> ebay = joined.get(EBAY);
    joined.get(DEAD).apply("WriteDeadLetters", deadLetters);
    ebay.apply("Write", tables().write(TableOutput.overwrite(StockTables.EBAY)));

    // Written in runner-sized parts, joined into one revise.csv per store after the commit (see ReviseFiles).
    ebay.apply("Changed", Filter.by((Row r) -> r.getInt32("quantity_delta") != 0))
        .apply("WriteRevise", FileIO.<String, Row>writeDynamic()
            .by((Row r) -> r.getString("ebay_store"))
            .withDestinationCoder(StringUtf8Coder.of())
            .via(Contextful.fn(EbayTable::reviseLine), TextIO.sink())
            .to(reviseStaging)
            // Unique part names: runner-chosen shard numbers can repeat on Spark.
            .withNaming(ebayStore -> (window, pane, shards, index, compression) ->
                PartitionPath.segment("ebay_store", ebayStore) + "/" + ReviseFiles.PART_PREFIX + "-"
                    + java.util.UUID.randomUUID() + ".csv"));
  }

  /** One eBay File Exchange line: revise the listing's quantity on eBay UK. */
  static String reviseLine(Row r) {
    return "Revise," + r.getInt64("item_id") + ",UK,GBP," + r.getInt32("quantity") + ","
        + io.tributary.transforms.io.CsvFields.join(List.of(r.getString("ebay_store")));
  }

  @Override
  protected List<String> exports() {
    return exports.targets();
  }

  /** The revise parts joined into one file per store, then moved into place. */
  @Override
  protected void published(StepReport report) {
    ReviseFiles.join(reviseStaging, REVISE_HEADER);
    exports.publish();
  }

  @Override
  public void abort() {
    try {
      super.abort();
    } finally {
      exports.discard();
    }
  }

  private static final TupleTag<Row> EBAY = new TupleTag<Row>() {};
  private static final TupleTag<Row> DEAD = new TupleTag<Row>() {};

  /**
   * Per custom_label: each store listing gets the latest stock of its own supplier, or of the only
   * supplier that has the label; a label stocked by several suppliers, none of them the listing's,
   * is ambiguous and dead-lettered. Listings without stock get no row (nothing to revise).
   */
  static void perListing(String label, List<Row> latest, Iterable<Row> listings, KeyedCoGroup.Outcome<Row> out) {
    if (latest.isEmpty()) {
      return;
    }
    for (Row listing : listings) {
      Row stock = null;
      for (Row candidate : latest) {
        if (candidate.getString("supplier").equals(listing.getString("supplier"))) {
          stock = candidate;
        }
      }
      if (stock == null && latest.size() == 1) {
        stock = latest.get(0);
      }
      if (stock == null) {
        List<String> suppliers = new ArrayList<>();
        latest.forEach(r -> suppliers.add(r.getString("supplier")));
        out.reject("store", null, listing, "custom_label '" + label + "' is stocked by " + String.join(", ", suppliers)
            + ", none of them the listing's supplier " + listing.getString("supplier"));
        continue;
      }
      out.output(Row.withSchema(StockSchemas.EBAY).addValues(listing.getInt64("item_id"),
          listing.getString("custom_label"), stock.getString("supplier"), listing.getString("ebay_store"),
          stock.getInt32("quantity"), stock.getInt32("quantity_delta"),
          stock.getLogicalTypeValue("updated_date", LocalDate.class)).build());
    }
  }
}
