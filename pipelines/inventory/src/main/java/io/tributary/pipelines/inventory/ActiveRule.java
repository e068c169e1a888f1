package io.tributary.pipelines.inventory;

import io.tributary.schemas.InventorySchemas;
import io.tributary.transforms.joins.KeyedCoGroup;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * Which snapshot rows of one listing are active on their day, given the listing's history:
 *
 * <ol>
 *   <li>one row per listing and day: the latest {@code updated_at} wins; the others are dead
 *       letters; copies that tie on the latest {@code updated_at} are all dead letters (which one is
 *       right?) unless they are identical (one is kept);
 *   <li>the row's status is one of the active statuses (config {@code activeStatuses});
 *   <li>the listing's latest history event on or before the day (by {@code event_at}; at the same
 *       instant listed < price_change < relisted < removed < sold) is not {@code sold} or
 *       {@code removed}: {@code relisted} brings a listing back;
 *   <li>{@code first_listed} is the day of its first {@code listed} event on or before the day, else
 *       the day of its {@code listed_at}; {@code days_on_market} = day - first_listed.
 * </ol>
 */
final class ActiveRule implements KeyedCoGroup.Resolver<Row> {
  static final List<String> EVENT_ORDER = List.of("listed", "price_change", "relisted", "removed", "sold");

  private final Set<String> activeStatuses;

  ActiveRule(Set<String> activeStatuses) {
    this.activeStatuses = activeStatuses;
  }

  @Override
  public void resolve(String listing, List<Row> snapshots, Iterable<Row> historyRows, KeyedCoGroup.Outcome<Row> out) {
    List<Row> events = new ArrayList<>();
    historyRows.forEach(events::add);
    events.sort(Comparator.comparing((Row e) -> e.getDateTime("event_at").getMillis())
        .thenComparing(e -> EVENT_ORDER.indexOf(e.getString("event"))));
    Map<LocalDate, List<Row>> byDay = new TreeMap<>();
    for (Row s : snapshots) {
      byDay.computeIfAbsent(s.getLogicalTypeValue("snapshot_date", LocalDate.class), d -> new ArrayList<>()).add(s);
    }
    for (Map.Entry<LocalDate, List<Row>> day : byDay.entrySet()) {
      Row row = oneRow(listing, day.getKey(), day.getValue(), out);
      if (row != null && activeStatuses.contains(row.getString("status"))) {
        active(day.getKey(), row, events, out);
      }
    }
  }

  private static Row oneRow(String listing, LocalDate day, List<Row> rows, KeyedCoGroup.Outcome<Row> out) {
    if (rows.size() == 1) {
      return rows.get(0);
    }
    long latest = rows.stream().mapToLong(r -> r.getDateTime("updated_at").getMillis()).max().getAsLong();
    List<Row> newest = new ArrayList<>();
    for (Row r : rows) {
      if (r.getDateTime("updated_at").getMillis() == latest) {
        newest.add(r);
      } else {
        out.reject(source(day), null, r, "listing_id " + listing + " appears " + rows.size()
            + " times in the snapshot of " + day + ": the row updated last (" + new Instant(latest) + ") is kept");
      }
    }
    boolean identical = newest.stream().allMatch(r -> r.equals(newest.get(0)));
    if (identical) {
      for (int i = 1; i < newest.size(); i++) {
        out.reject(source(day), null, newest.get(i), "listing_id " + listing + ": an identical copy of a row kept");
      }
      return newest.get(0);
    }
    for (Row r : newest) {
      out.reject(source(day), null, r, "listing_id " + listing + " appears " + newest.size() + " times in the snapshot of "
          + day + " with the same updated_at and different values: which one is right?");
    }
    return null;
  }

  private static void active(LocalDate day, Row row, List<Row> events, KeyedCoGroup.Outcome<Row> out) {
    Row latest = null;
    LocalDate firstListed = null;
    for (Row e : events) {
      LocalDate eventDay = Cells.utcDay(e.getDateTime("event_at").toInstant());
      if (eventDay.isAfter(day)) {
        break;
      }
      latest = e;
      if (firstListed == null && e.getString("event").equals("listed")) {
        firstListed = eventDay;
      }
    }
    if (latest != null && (latest.getString("event").equals("sold") || latest.getString("event").equals("removed"))) {
      return;
    }
    if (firstListed == null) {
      firstListed = Cells.utcDay(row.getDateTime("listed_at").toInstant());
    }
    out.output(Row.withSchema(InventorySchemas.ACTIVE_LISTING).addValues(day, row.getInt64("listing_id"),
        row.getString("vin"), row.getInt64("dealer_id"), row.getString("zip_code"), row.getString("make"),
        row.getString("model"), row.getInt32("model_year"), row.getString("trim"), row.getString("body_style"),
        row.getString("stock_type"), row.getDouble("price"), row.getInt64("mileage"), row.getDateTime("listed_at"),
        row.getDateTime("updated_at"), firstListed, (int) ChronoUnit.DAYS.between(firstListed, day)).build());
  }

  static String source(LocalDate day) {
    return "vehicle/snapshot_date=" + day;
  }
}
