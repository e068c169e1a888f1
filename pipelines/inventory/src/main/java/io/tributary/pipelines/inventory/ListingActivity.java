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
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.iceberg.expressions.Expressions;

/**
 * {@code inventory activity}: per active listing of each day, impressions and leads over the
 * configured windows and the weighted {@code activity_score} ({@link ComputeActivity}), into
 * {@code inventory.listing_activity}. Reads the day's {@code inventory.active_listings} (run
 * {@code active} first) and the impressions and leads of every day a window reaches back to
 * (twice the longest window: the previous window too). A lead whose listing is in no valid row
 * of its own day's vehicle snapshot is never counted, and is a dead letter of the run that reports
 * its day; leads of a day without a snapshot are counted unchecked.
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
    // A lead counts only when its listing is in the vehicle snapshot of the lead's own day, whichever
    // days this run reports: a backfill then counts what single-day runs count. A day without a
    // snapshot in the source has nothing to check against: its leads count unchecked (said).
    List<LocalDate> checkedDays = new ArrayList<>();
    List<LocalDate> uncheckedDays = new ArrayList<>();
    for (LocalDate day : leadDays) {
      (source().present(InventoryInput.VEHICLE, day) ? checkedDays : uncheckedDays).add(day);
    }
    if (!uncheckedDays.isEmpty()) {
      note("leads counted without the unknown-listing check (no vehicle snapshot): " + InventoryDays.ranges(uncheckedDays));
    }
    Set<LocalDate> checkable = new HashSet<>(checkedDays);
    PCollection<Row> leadsToCheck = leads.get(ParseWithDeadLetters.PARSED)
        .apply("LeadsToCheck", Filter.by((Row l) -> checkable.contains(leadDay(l))));
    // Known listings: those of the snapshot's valid rows (its rejects were reported by `active`),
    // only the (day, listing) pairs some lead asks about, cut to the day and id before the shuffle.
    PCollectionView<List<Long>> asked = leadsToCheck.apply("AskedByLeads", LeadKeys.asked());
    // Read once the hashes are ready: the rows then pass the cut at once (the DirectRunner would
    // otherwise hold every bundle of them back and re-evaluate it until the leads are all read).
    PCollection<Row> snapshots = source().read(pipeline, NAME + "-known", InventoryInput.VEHICLE, checkedDays,
        Set.of(), Lake.dates(options), asked).get(ParseWithDeadLetters.PARSED);
    PCollection<Row> known = snapshots
        .apply("AskedListings", LeadKeys.keepAsked(asked, "snapshot_date")).setRowSchema(snapshots.getSchema())
        .apply("DayAndListing", Select.fieldNames("snapshot_date", "listing_id"));
    PCollectionTuple checked = PCollectionTuple.of(KeyedCoGroup.LEFT, leadsToCheck)
        .and(KeyedCoGroup.RIGHT, known)
        .apply("KnownListing", KeyedCoGroup.<Row>builder(NAME)
            .leftKey(l -> leadDay(l) + "|" + l.getInt64("listing_id"))
            .rightKey(v -> v.getLogicalTypeValue("snapshot_date", LocalDate.class) + "|" + v.getInt64("listing_id"))
            .resolver((key, dayLeads, snapshot, out) -> {
              boolean isKnown = snapshot.iterator().hasNext();
              for (Row lead : dayLeads) {
                if (isKnown) {
                  out.output(lead);
                } else if (report.contains(leadDay(lead))) {
                  out.reject("leads/date=" + leadDay(lead), null, lead,
                      "lead for unknown listing_id " + lead.getInt64("listing_id") + ": not in the vehicle snapshot of its day");
                }
                // else: not counted, and reported by the run that reports the lead's day
              }
            })
            .successTag(LEADS).successSchema(InventorySchemas.LEAD).failureTag(UNKNOWN)
            .build());
    PCollection<Row> uncheckedLeads = leads.get(ParseWithDeadLetters.PARSED)
        .apply("UncheckedLeads", Filter.by((Row l) -> !checkable.contains(leadDay(l))));
    PCollection<Row> leadCounts = PCollectionList.of(checked.get(LEADS)).and(uncheckedLeads)
        .apply("AllLeads", Flatten.pCollections())
        .apply("LeadAsCount", MapElements.into(TypeDescriptors.rows()).via((Row l) -> Row.withSchema(InventorySchemas.IMPRESSION)
            .addValues(l.getInt64("listing_id"), leadDay(l), l.getString("kind"), 1L)
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

  private static LocalDate leadDay(Row lead) {
    return lead.getLogicalTypeValue("date", LocalDate.class);
  }
}
