package io.tributary.pipelines.inventory;

import io.tributary.core.read.ReadTable;
import io.tributary.core.step.Lake;
import io.tributary.core.table.TableOutput;
import io.tributary.schemas.InventorySchemas;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.joins.KeyedCoGroup;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.iceberg.expressions.Expressions;

/**
 * {@code inventory activity}: per active listing of each day, impressions and leads over the
 * configured windows and the weighted {@code activity_score} ({@link ComputeActivity}), into
 * {@code inventory.listing_activity}. Reads the day's {@code inventory.active_listings} (run
 * {@code active} first) and the impressions and leads of every day a window reaches back to
 * (twice the longest window: the previous window too). A lead whose listing is in no vehicle row
 * of its day's snapshot is a dead letter.
 */
public final class ListingActivity extends InventoryStep {
  public static final String NAME = "activity";
  static final TupleTag<Row> LEADS = new TupleTag<Row>() {};
  static final TupleTag<Row> UNKNOWN = new TupleTag<Row>() {};

  private final List<Integer> windows;
  private final Weights weights;

  public ListingActivity(InventoryOptions options) {
    super(NAME, options, InventoryTables.LISTING_ACTIVITY);
    this.windows = Weights.windows(options.getWindows());
    this.weights = Weights.parse(options.getWeights());
  }

  @Override
  protected void build(Pipeline pipeline) {
    List<LocalDate> days = days();
    var deadLetters = tables().deadLetters(InventoryTables.DEAD_LETTERS);
    LocalDate first = days.get(0);
    LocalDate last = days.get(days.size() - 1);
    int longest = windows.get(windows.size() - 1);
    List<LocalDate> reach = InventoryDays.range(first.minusDays(2L * longest - 1), last);
    List<LocalDate> impressionDays = new ArrayList<>(reach);
    List<LocalDate> leadDays = new ArrayList<>(reach);
    List<LocalDate> noImpressions = new ArrayList<>();
    List<LocalDate> noLeads = new ArrayList<>();
    for (LocalDate day : reach) {
      boolean impressions = source().present(InventoryInput.IMPRESSIONS, day);
      boolean leads = source().present(InventoryInput.LEADS, day);
      if (!impressions) {
        noImpressions.add(day);
        impressionDays.remove(day);
      }
      if (!leads) {
        noLeads.add(day);
        leadDays.remove(day);
      }
    }
    if (!noImpressions.isEmpty() || !noLeads.isEmpty()) {
      String missing = (noImpressions.isEmpty() ? "" : "impressions " + InventoryDays.ranges(noImpressions))
          + (noImpressions.isEmpty() || noLeads.isEmpty() ? "" : "; ")
          + (noLeads.isEmpty() ? "" : "leads " + InventoryDays.ranges(noLeads));
      if (!options.getSkipMissing()) {
        throw new IllegalArgumentException("missing input for the activity windows of " + InventoryDays.ranges(days)
            + " (windows " + windows + " reach back to " + reach.get(0) + "): " + missing + " in " + source().describe()
            + "; --skip-missing counts missing days as no activity");
      }
      note("counted as no activity (input missing): " + missing);
    }
    Set<LocalDate> report = new HashSet<>(days);
    PCollectionTuple impressions = source().read(pipeline, NAME, InventoryInput.IMPRESSIONS, impressionDays,
        report, Lake.dates(options));
    PCollectionTuple leads = source().read(pipeline, NAME, InventoryInput.LEADS, leadDays, report,
        Lake.dates(options));
    // Known listings: those of the day's vehicle snapshot (its rejects were reported by `active`).
    PCollection<Row> vehicles = source().read(pipeline, NAME + "-known", InventoryInput.VEHICLE, days,
        Set.of(), Lake.dates(options)).get(ParseWithDeadLetters.PARSED);
    PCollectionTuple checked = PCollectionTuple.of(KeyedCoGroup.LEFT, leads.get(ParseWithDeadLetters.PARSED)
            .apply("LeadsToCheck", Filter.by((Row l) -> report.contains(l.getLogicalTypeValue("date", LocalDate.class)))))
        .and(KeyedCoGroup.RIGHT, vehicles)
        .apply("KnownListing", KeyedCoGroup.<Row>builder(NAME)
            .leftKey(ListingActivity::dayListing)
            .rightKey(v -> v.getLogicalTypeValue("snapshot_date", LocalDate.class) + "|" + v.getInt64("listing_id"))
            .resolver((key, dayLeads, snapshot, out) -> {
              boolean known = snapshot.iterator().hasNext();
              for (Row lead : dayLeads) {
                if (known) {
                  out.output(lead);
                } else {
                  out.reject("leads/date=" + lead.getLogicalTypeValue("date", LocalDate.class), null, lead,
                      "lead for unknown listing_id " + lead.getInt64("listing_id") + ": not in the vehicle snapshot of its day");
                }
              }
            })
            .successTag(LEADS).successSchema(InventorySchemas.LEAD).failureTag(UNKNOWN)
            .build());
    PCollection<Row> earlierLeads = leads.get(ParseWithDeadLetters.PARSED)
        .apply("EarlierLeads", Filter.by((Row l) -> !report.contains(l.getLogicalTypeValue("date", LocalDate.class))));
    PCollection<Row> leadCounts = PCollectionList.of(checked.get(LEADS)).and(earlierLeads)
        .apply("AllLeads", Flatten.pCollections())
        .apply("LeadAsCount", MapElements.into(TypeDescriptors.rows()).via((Row l) -> Row.withSchema(InventorySchemas.IMPRESSION)
            .addValues(l.getInt64("listing_id"), l.getLogicalTypeValue("date", LocalDate.class), l.getString("kind"), 1L)
            .build()))
        .setRowSchema(InventorySchemas.IMPRESSION);
    PCollection<Row> counts = PCollectionList.of(impressions.get(ParseWithDeadLetters.PARSED)).and(leadCounts)
        .apply("AllCounts", Flatten.pCollections());

    PCollection<Row> active = pipeline
        .apply("ReadActive", tables().read(InventoryTables.ACTIVE_LISTINGS, ReadTable.Version.current(), "run inventory active first")
            .where(Expressions.and(Expressions.greaterThanOrEqual("date", first.toString()),
                Expressions.lessThanOrEqual("date", last.toString()))))
        .apply("OnlyDays", Filter.by((Row r) -> report.contains(r.getLogicalTypeValue("date", LocalDate.class))));
    PCollectionTuple activity = PCollectionTuple.of(ComputeActivity.ACTIVE, active).and(ComputeActivity.COUNTS, counts)
        .apply("Activity", new ComputeActivity(NAME, windows, weights));

    PCollectionList.of(impressions.get(ParseWithDeadLetters.DEAD_LETTERS))
        .and(leads.get(ParseWithDeadLetters.DEAD_LETTERS))
        .and(checked.get(UNKNOWN))
        .and(activity.get(ComputeActivity.DEAD_LETTERS))
        .apply("AllDeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", deadLetters);
    activity.get(ComputeActivity.ACTIVITY)
        .apply("Write", tables().write(TableOutput.replacePartitions(InventoryTables.LISTING_ACTIVITY)));
  }

  private static String dayListing(Row lead) {
    return lead.getLogicalTypeValue("date", LocalDate.class) + "|" + lead.getInt64("listing_id");
  }
}
