package io.tributary.pipelines.inventory;

import io.tributary.core.step.Lake;
import io.tributary.core.table.TableOutput;
import io.tributary.schemas.InventorySchemas;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.joins.KeyedCoGroup;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * {@code inventory active}: the active listings of each day ({@link ActiveRule}: one row per
 * listing, an active status, not sold or removed by the history up to the day), one per VIN
 * ({@link OnePerVin}), into {@code inventory.active_listings}, a partition per day.
 */
public final class ActiveListings extends InventoryStep {
  public static final String NAME = "active";
  static final TupleTag<Row> ACTIVE = new TupleTag<Row>() {};
  static final TupleTag<Row> REJECTED = new TupleTag<Row>() {};

  public ActiveListings(InventoryOptions options) {
    super(NAME, options, InventoryTables.ACTIVE_LISTINGS);
  }

  @Override
  protected void build(Pipeline pipeline) {
    List<LocalDate> days = days();
    List<LocalDate> present = new ArrayList<>();
    for (LocalDate day : days) {
      if (source().present(InventoryInput.VEHICLE, day)) {
        present.add(day);
      } else if (!options.getSkipMissing()) {
        throw new IllegalArgumentException("missing input: no vehicle snapshot for " + day + " ("
            + source().where(InventoryInput.VEHICLE, day) + "); --skip-missing skips such days");
      }
    }
    if (present.size() < days.size()) {
      List<LocalDate> missing = new ArrayList<>(days);
      missing.removeAll(present);
      note("skipped " + missing.size() + " day(s) without a vehicle snapshot: " + InventoryDays.ranges(missing));
    }
    var deadLetters = tables().deadLetters(InventoryTables.DEAD_LETTERS);
    Set<LocalDate> report = new HashSet<>(present);
    PCollectionTuple vehicles = source().read(pipeline, NAME, InventoryInput.VEHICLE, present, report,
        Lake.dates(options));
    LocalDate last = present.isEmpty() ? LocalDate.MIN : present.get(present.size() - 1);
    List<LocalDate> historyDays = present.isEmpty() ? List.of() : source().daysUpTo(InventoryInput.HISTORY, last);
    PCollectionTuple history = source().read(pipeline, NAME, InventoryInput.HISTORY, historyDays, report,
        Lake.dates(options));

    Set<String> statuses = new LinkedHashSet<>(List.of(options.getActiveStatuses().split("\\s*,\\s*")));
    PCollectionTuple candidates = PCollectionTuple.of(KeyedCoGroup.LEFT, vehicles.get(ParseWithDeadLetters.PARSED))
        .and(KeyedCoGroup.RIGHT, history.get(ParseWithDeadLetters.PARSED))
        .apply("ActiveRule", KeyedCoGroup.<Row>builder(NAME)
            .leftKey(r -> String.valueOf(r.getInt64("listing_id"))).rightKey(r -> String.valueOf(r.getInt64("listing_id")))
            .resolver(new ActiveRule(statuses))
            .successTag(ACTIVE).successSchema(InventorySchemas.ACTIVE_LISTING).failureTag(REJECTED)
            .build());
    PCollection<Row> none = pipeline.apply("NoRight", Create.empty(RowCoder.of(InventorySchemas.ACTIVE_LISTING)));
    PCollectionTuple unique = PCollectionTuple.of(KeyedCoGroup.LEFT, candidates.get(ACTIVE)).and(KeyedCoGroup.RIGHT, none)
        .apply("OnePerVin", KeyedCoGroup.<Row>builder(NAME)
            .leftKey(r -> r.getLogicalTypeValue("date", LocalDate.class) + "|" + r.getString("vin"))
            .rightKey(r -> "")
            .resolver(new OnePerVin())
            .successTag(ACTIVE).successSchema(InventorySchemas.ACTIVE_LISTING).failureTag(REJECTED)
            .build());

    PCollectionList.of(vehicles.get(ParseWithDeadLetters.DEAD_LETTERS))
        .and(history.get(ParseWithDeadLetters.DEAD_LETTERS))
        .and(candidates.get(REJECTED))
        .and(unique.get(REJECTED))
        .apply("AllDeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", deadLetters);
    unique.get(ACTIVE).apply("Write", tables().write(TableOutput.replacePartitions(InventoryTables.ACTIVE_LISTINGS)));
  }
}
