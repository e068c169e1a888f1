package io.tributary.pipelines.stock;

import io.tributary.pipelines.StepReport;
import io.tributary.schemas.DeadLetterSchema;
import io.tributary.schemas.StockSchemas;
import io.tributary.transforms.joins.JoinParentChildren;
import io.tributary.transforms.lake.ReadParquetRows;
import io.tributary.transforms.lake.ReplaceDirectory;
import io.tributary.transforms.lake.WriteParquetPartitions;
import io.tributary.transforms.lake.PartitionPath;
import io.tributary.transforms.metrics.CountAs;
import io.tributary.transforms.metrics.StepMetrics;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code stock ebay}: the seed's generate_ebay_table. The latest two supplier_stock snapshots up to
 * the day give each (supplier, custom_label) its quantity and change ({@link LatestTwoSnapshots});
 * joined to every store listing of that label, one row per item_id, into {@code ebay/ebay_store=E/}
 * (the whole table overwritten, the previous one kept as a version) and the eBay File Exchange upload
 * {@code exports/ebay/ebay_store=E/revise.csv}, which leaves out listings whose quantity did not change.
 */
public final class EbayTable extends StagedStockStep {
  public static final String NAME = "ebay";
  public static final String REVISE_HEADER = "Action,ItemID,SiteID,Currency,Quantity,Store";

  private final LocalDate day;
  private final String exportStaging;

  public EbayTable(StockOptions options) {
    super(NAME, options, StockLake.EBAY, NAME);
    LocalDate given = StockFeed.day(options.getDate(), io.tributary.pipelines.Lake.dates(options));
    this.day = given != null ? given : LocalDate.now(ZoneOffset.UTC);
    options.setDate(day.toString());
    this.exportStaging = ReplaceDirectory.staging(lake.ebayExports(), runId());
  }

  public LocalDate day() {
    return day;
  }

  @Override
  public void expand(Pipeline pipeline) {
    String stockFiles = lake.files(StockLake.SUPPLIER_STOCK);
    String storeFiles = lake.files(StockLake.STORE);
    List<String> missing = new ArrayList<>();
    if (!ReadParquetRows.anyMatch(stockFiles)) {
      missing.add("no supplier_stock (" + stockFiles + "): run stock feed first");
    }
    if (!ReadParquetRows.anyMatch(storeFiles)) {
      missing.add("no store (" + storeFiles + "): run stock load-store first");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("stock ebay cannot run: " + String.join("; ", missing));
    }
    PCollection<Row> latest = pipeline
        .apply("ReadSupplierStock", ReadParquetRows.from(stockFiles, StockSchemas.SUPPLIER_STOCK))
        .apply("CountStock", CountAs.read(NAME))
        .apply("LatestTwo", new LatestTwoSnapshots(day));
    PCollection<Row> store = pipeline.apply("ReadStore", ReadParquetRows.from(storeFiles, StockSchemas.STORE));

    TupleTag<Row> l = new TupleTag<>();
    TupleTag<Row> s = new TupleTag<>();
    PCollectionTuple joined = KeyedPCollectionTuple
        .of(l, latest.apply("KeyLatest", WithKeys.of((Row r) -> r.getString("custom_label")).withKeyType(TypeDescriptors.strings())))
        .and(s, store.apply("KeyStore", WithKeys.of((Row r) -> r.getString("custom_label")).withKeyType(TypeDescriptors.strings())))
        .apply("CoGroup", CoGroupByKey.create())
        .apply("PerListing", ParDo.of(new PerListingFn(l, s)).withOutputTags(PerListingFn.EBAY, TupleTagList.of(PerListingFn.DEAD)));
    PCollection<Row> ebay = joined.get(PerListingFn.EBAY).setRowSchema(StockSchemas.EBAY);
    writeDeadLetters(PCollectionList.of(joined.get(PerListingFn.DEAD).setRowSchema(DeadLetterSchema.DEAD_LETTER)));

    ebay.apply("Write", WriteParquetPartitions.to(NAME, staging, runId(),
        (Row r) -> PartitionPath.segment("ebay_store", r.getString("ebay_store"))).withFileName("data")
        .withShardsPerPartition(0)); // runner-sized files: a store's listings never gather in one worker

    // Written in runner-sized parts, joined into one revise.csv per store at commit (see ReviseFiles).
    ebay.apply("Changed", Filter.by((Row r) -> r.getInt32("quantity_delta") != 0))
        .apply("WriteRevise", FileIO.<String, Row>writeDynamic()
            .by((Row r) -> r.getString("ebay_store"))
            .withDestinationCoder(StringUtf8Coder.of())
            .via(Contextful.fn(EbayTable::reviseLine), TextIO.sink())
            .to(exportStaging)
            // Unique part names: runner-chosen shard numbers can repeat on Spark (see WriteParquetPartitions).
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
  public void commit(StepReport report) {
    table.publish(staging, partitions(), runId());
    ReviseFiles.join(exportStaging, REVISE_HEADER);
    ReplaceDirectory.commit(exportStaging, lake.ebayExports());
    ReplaceDirectory.commit(deadLetterStaging, deadLetters);
  }

  @Override
  public void abort() {
    super.abort();
    ReplaceDirectory.discard(exportStaging);
  }

  /**
   * Per custom_label: each store listing gets the latest stock of its own supplier, or of the only
   * supplier that has the label; a label stocked by several suppliers, none of them the listing's,
   * is ambiguous and dead-lettered. Listings without stock get no row (nothing to revise).
   */
  private static final class PerListingFn extends DoFn<KV<String, CoGbkResult>, Row> {
    static final TupleTag<Row> EBAY = new TupleTag<Row>() {};
    static final TupleTag<Row> DEAD = new TupleTag<Row>() {};
    private final TupleTag<Row> l;
    private final TupleTag<Row> s;
    private final StepMetrics metrics = StepMetrics.of(NAME);

    PerListingFn(TupleTag<Row> l, TupleTag<Row> s) {
      this.l = l;
      this.s = s;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, MultiOutputReceiver out) {
      List<Row> latest = new ArrayList<>();
      group.getValue().getAll(l).forEach(latest::add);
      if (latest.isEmpty()) {
        return;
      }
      for (Row listing : group.getValue().getAll(s)) {
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
          metrics.deadLettered().inc();
          out.get(DEAD).output(DeadLetterSchema.of(NAME, "store", null, JoinParentChildren.render(listing),
              "custom_label '" + group.getKey() + "' is stocked by " + String.join(", ", suppliers)
                  + ", none of them the listing's supplier " + listing.getString("supplier")));
          continue;
        }
        out.get(EBAY).output(Row.withSchema(StockSchemas.EBAY).addValues(listing.getInt64("item_id"),
            listing.getString("custom_label"), stock.getString("supplier"), listing.getString("ebay_store"),
            stock.getInt32("quantity"), stock.getInt32("quantity_delta"),
            stock.getLogicalTypeValue("updated_date", LocalDate.class)).build());
      }
    }
  }
}
