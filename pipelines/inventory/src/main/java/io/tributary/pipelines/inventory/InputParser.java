package io.tributary.pipelines.inventory;

import io.tributary.schemas.InventorySchemas;
import io.tributary.transforms.deadletter.LineParser;
import io.tributary.transforms.deadletter.RowRejected;
import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.io.SourceLine;
import io.tributary.transforms.validation.DateRange;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * Parses a record of one inventory input, its columns found by name in its file's header, each
 * cell in its one accepted format ({@link Cells}) and range; the day comes from the file's
 * partition folder, and a row's own day (an impression's date, a lead's created_at, a history
 * event's event_at) must be that day.
 */
final class InputParser implements LineParser {
  static final List<String> STATUSES = List.of("active", "pending", "sold", "removed", "inactive");
  static final List<String> STOCK_TYPES = List.of("new", "used", "cpo");
  static final List<String> EVENTS = List.of("listed", "price_change", "sold", "removed", "relisted");
  static final long MAX_MILEAGE = 2_000_000;
  static final long MAX_COUNT = 1_000_000_000;

  private final InventoryInput input;
  private final Map<String, CsvHeader.Layout> layouts;
  private final CsvHeader.Layout otherwise;
  private final DateRange dates;
  // The last line's source and its day: a file's lines arrive together, and the path's regex would
  // otherwise run on every line. A parser serves one thread at a time (a DoFn's field).
  private transient String lastSource;
  private transient LocalDate lastDay;

  /** @param otherwise the layout of a source {@code layouts} does not list (null: each source is listed) */
  InputParser(InventoryInput input, Map<String, CsvHeader.Layout> layouts, CsvHeader.Layout otherwise, DateRange dates) {
    this.input = input;
    this.layouts = layouts;
    this.otherwise = otherwise;
    this.dates = dates;
  }

  /**
   * The partition day in a file's path ({@code .../snapshot_date=2024-06-03/part.csv}), or null
   * when the path has none; a day that is no calendar day ({@code 2024-13-01}) fails naming the path.
   */
  static LocalDate pathDay(InventoryInput input, String path) {
    Matcher m = input.dayInPath.matcher(path);
    if (!m.find()) {
      return null;
    }
    try {
      return LocalDate.parse(m.group(1));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("partition " + input.partition + "=" + m.group(1) + " is no calendar day: "
          + path);
    }
  }

  @Override
  public Row parse(SourceLine line) {
    CsvHeader.Layout layout = layouts.getOrDefault(line.source, otherwise);
    if (layout == null) {
      throw new IllegalStateException("no header layout for " + line.source);
    }
    List<String> fields = LineParser.csvFields(line, layout.width);
    String[] c = new String[input.columns.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = fields.get(layout.positions[i]).trim();
    }
    if (!line.source.equals(lastSource)) {
      lastDay = pathDay(input, line.source);
      lastSource = line.source;
    }
    LocalDate day = lastDay;
    switch (input) {
      case VEHICLE:
        return vehicle(day, c);
      case HISTORY:
        return history(day, c);
      case IMPRESSIONS:
        return impression(day, c);
      default:
        return lead(day, c);
    }
  }

  private Row vehicle(LocalDate day, String[] c) {
    Instant listedAt = Cells.instant("listed_at", c[12], dates);
    if (Cells.utcDay(listedAt).isAfter(day)) {
      throw new RowRejected("listed_at " + c[12] + " is after the snapshot day " + day);
    }
    return Row.withSchema(InventorySchemas.VEHICLE).addValues(day,
        Cells.whole("listing_id", c[0], 1, Long.MAX_VALUE),
        Cells.vin(c[1]),
        Cells.whole("dealer_id", c[2], 1, Long.MAX_VALUE),
        Cells.zip(c[3]),
        Cells.text("make", c[4]),
        Cells.text("model", c[5]),
        (int) Cells.whole("model_year", c[6], 1900, day.getYear() + 1),
        c[7].isEmpty() ? null : Cells.text("trim", c[7]),
        Cells.text("body_style", c[8]),
        Cells.oneOf("stock_type", c[9], STOCK_TYPES),
        Cells.money("price", c[10]),
        Cells.whole("mileage", c[11], 0, MAX_MILEAGE),
        listedAt,
        Cells.oneOf("status", c[13], STATUSES),
        Cells.instant("updated_at", c[14], dates)).build();
  }

  private Row history(LocalDate day, String[] c) {
    Instant at = Cells.instant("event_at", c[2], dates);
    sameDay("event_at", c[2], Cells.utcDay(at), day);
    return Row.withSchema(InventorySchemas.VEHICLE_HISTORY).addValues(
        Cells.whole("listing_id", c[0], 1, Long.MAX_VALUE),
        Cells.vin(c[1]),
        at,
        Cells.oneOf("event", c[3], EVENTS),
        c[4].isEmpty() ? null : Cells.money("price", c[4])).build();
  }

  private Row impression(LocalDate day, String[] c) {
    LocalDate date = Cells.day("date", c[1], dates);
    sameDay("date", c[1], date, day);
    return Row.withSchema(InventorySchemas.IMPRESSION).addValues(
        Cells.whole("listing_id", c[0], 1, Long.MAX_VALUE),
        date,
        Cells.oneOf("impression kind", c[2], InventorySchemas.IMPRESSION_KINDS),
        Cells.whole("count", c[3], 0, MAX_COUNT)).build();
  }

  private Row lead(LocalDate day, String[] c) {
    Instant at = Cells.instant("created_at", c[2], dates);
    sameDay("created_at", c[2], Cells.utcDay(at), day);
    return Row.withSchema(InventorySchemas.LEAD).addValues(
        Cells.whole("lead_id", c[0], 1, Long.MAX_VALUE),
        Cells.whole("listing_id", c[1], 1, Long.MAX_VALUE),
        at,
        Cells.oneOf("lead kind", c[3], InventorySchemas.LEAD_KINDS),
        day).build();
  }

  private void sameDay(String column, String cell, LocalDate value, LocalDate day) {
    if (!value.equals(day)) {
      throw new RowRejected(column + " " + cell + " is not in its partition's day " + day);
    }
  }
}
