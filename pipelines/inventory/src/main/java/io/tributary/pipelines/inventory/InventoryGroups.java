package io.tributary.pipelines.inventory;

import io.tributary.core.read.ReadTable;
import io.tributary.core.table.TableOutput;
import io.tributary.schemas.InventorySchemas;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.io.ReadSourceLines;
import io.tributary.transforms.joins.KeyedCoGroup;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * {@code inventory groups}: each day's active listings, with their activity over the group window
 * ({@code groupWindowDays}), aggregated per grouping set of vehicle attributes crossed with zip code
 * and DMA ({@link AggregateGroups}), into {@code inventory.inventory_groups}. Reads
 * {@code inventory.active_listings} and {@code inventory.listing_activity} (run {@code active} and
 * {@code activity} first) and {@code <input>/zip_dma/*.csv}.
 */
public final class InventoryGroups extends InventoryStep {
  public static final String NAME = "groups";
  static final TupleTag<Row> LISTINGS = new TupleTag<Row>() {};
  static final TupleTag<Row> REJECTED = new TupleTag<Row>() {};

  private final GroupingSets sets;

  public InventoryGroups(InventoryOptions options) {
    super(NAME, options, InventoryTables.INVENTORY_GROUPS);
    this.sets = GroupingSets.parse(options.getGroupingSets());
    if (!Weights.windows(options.getWindows()).contains(options.getGroupWindowDays())) {
      throw new IllegalArgumentException("--group-window-days " + options.getGroupWindowDays() + " is not one of --windows "
          + options.getWindows());
    }
  }

  @Override
  protected void build(Pipeline pipeline) {
    List<LocalDate> days = days();
    var deadLetters = tables().deadLetters(InventoryTables.DEAD_LETTERS);
    Set<LocalDate> report = new HashSet<>(days);
    Expression inRange = Expressions.and(Expressions.greaterThanOrEqual("date", days.get(0).toString()),
        Expressions.lessThanOrEqual("date", days.get(days.size() - 1).toString()));
    PCollection<Row> active = pipeline
        .apply("ReadActive", tables().read(InventoryTables.ACTIVE_LISTINGS, ReadTable.Version.current(),
            "run inventory active first").where(inRange))
        .apply("ActiveDays", Filter.by((Row r) -> report.contains(r.getLogicalTypeValue("date", LocalDate.class))));
    int window = options.getGroupWindowDays();
    PCollection<Row> activity = pipeline
        .apply("ReadActivity", tables().read(InventoryTables.LISTING_ACTIVITY, ReadTable.Version.current(),
            "run inventory activity first").where(Expressions.and(inRange, Expressions.equal("window_days", window))))
        .apply("ActivityDays", Filter.by((Row r) -> report.contains(r.getLogicalTypeValue("date", LocalDate.class))));

    PCollectionTuple zips = source().zipDma(pipeline, NAME);
    PCollectionView<Map<String, String>> zipToDma = zips.get(ParseWithDeadLetters.PARSED)
        .apply("ZipDma", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
            .via((Row z) -> KV.of(z.getString("zip_code"), z.getString("dma_code"))))
        .apply("ZipDmaMap", View.asMap());

    PCollectionTuple listings = PCollectionTuple.of(KeyedCoGroup.LEFT, active).and(KeyedCoGroup.RIGHT, activity)
        .apply("WithActivity", KeyedCoGroup.<Row>builder(NAME)
            .leftKey(InventoryGroups::dayListing).rightKey(InventoryGroups::dayListing)
            .resolver((key, listing, scores, out) -> {
              double score = 0;
              long leads = 0;
              for (Row s : scores) {
                score += s.getDouble("activity_score");
                leads += s.getInt64("total_leads");
              }
              for (Row l : listing) {
                out.output(Row.withSchema(AggregateGroups.LISTING).addValues(l.getValues()).addValues(score, leads).build());
              }
            })
            .successTag(LISTINGS).successSchema(AggregateGroups.LISTING).failureTag(REJECTED)
            .build());
    PCollection<Row> groups = listings.get(LISTINGS).apply("Groups", new AggregateGroups(sets, zipToDma));

    PCollectionList.of(zips.get(ParseWithDeadLetters.DEAD_LETTERS)).and(listings.get(REJECTED))
        .apply("AllDeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", deadLetters);
    groups.apply("Write", tables().write(TableOutput.replacePartitions(InventoryTables.INVENTORY_GROUPS)));
  }

  public static final String JDBC_TABLE = "inventory_groups";

  /**
   * With {@code groupsJdbc}: each computed day of the committed table replaces that day in the JDBC
   * table (one transaction per day), read back from the lake after the commit, so a failed run
   * changes neither.
   */
  @Override
  protected void published(io.tributary.core.step.StepReport report) {
    if (!options.getGroupsJdbc()) {
      return;
    }
    String url = io.tributary.core.step.Lake.jdbcUrl(options);
    try (io.tributary.core.catalog.LakeCatalog catalog = io.tributary.core.catalog.LakeCatalog.open(
            io.tributary.core.step.Lake.catalog(options));
        java.sql.Connection connection = io.tributary.transforms.jdbc.JdbcUrls.connect(url)) {
      org.apache.iceberg.Table table = catalog.table(InventoryTables.INVENTORY_GROUPS);
      for (LocalDate day : days()) {
        java.util.List<Row> rows = new java.util.ArrayList<>();
        try (org.apache.iceberg.io.CloseableIterable<org.apache.iceberg.data.Record> records =
            org.apache.iceberg.data.IcebergGenerics.read(table).where(Expressions.equal("date", day.toString())).build()) {
          records.forEach(r -> rows.add(io.tributary.core.table.IcebergRows.row(r, InventorySchemas.INVENTORY_GROUP)));
        }
        io.tributary.transforms.jdbc.JdbcTables.replace(connection, JDBC_TABLE, InventorySchemas.INVENTORY_GROUP, "date",
            java.sql.Date.valueOf(day), rows);
        note("replaced " + rows.size() + " rows of " + day + " in JDBC " + JDBC_TABLE);
      }
    } catch (java.io.IOException | java.sql.SQLException e) {
      throw new IllegalStateException("the lake committed; copying the groups to JDBC " + JDBC_TABLE + " failed (rerun "
          + "with --force to copy again): " + io.tributary.transforms.secrets.Redact.text(e.getMessage()), e);
    }
  }

  private static String dayListing(Row r) {
    return r.getLogicalTypeValue("date", LocalDate.class) + "|" + r.getInt64("listing_id");
  }
}
