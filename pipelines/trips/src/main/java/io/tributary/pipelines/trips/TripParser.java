package io.tributary.pipelines.trips;

import io.tributary.schemas.TripSchemas;
import io.tributary.transforms.deadletter.LineParser;
import io.tributary.transforms.deadletter.RowRejected;
import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.io.SourceLine;
import io.tributary.transforms.validation.DateRange;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * Parses one line of the challenge format {@code region,origin_coord,destination_coord,datetime,datasource}
 * strictly: coordinates {@code POINT (lon lat)} with finite, in-range numbers, datetime
 * {@code yyyy-MM-dd HH:mm:ss} that exists on the calendar and lies in the run's {@link DateRange},
 * region and datasource without control characters (a line break from broken quoting), no missing
 * field, exactly as many columns as the file's header. A file's columns may come in any order: its
 * {@link CsvHeader.Layout} (by file name; JDBC rows and headerless files in the canonical order)
 * says where each is.
 */
public final class TripParser implements LineParser {
  public static final String HEADER = "region,origin_coord,destination_coord,datetime,datasource";
  public static final String DATETIME_PATTERN = "uuuu-MM-dd HH:mm:ss";
  public static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern(DATETIME_PATTERN).withResolverStyle(ResolverStyle.STRICT);
  private static final String[] COLUMNS = HEADER.split(",");
  private static final Pattern POINT = Pattern.compile(
      "(?i)POINT\\s*\\(\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s+([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*\\)");

  /** The canonical column names, in their canonical order. */
  public static final List<String> COLUMN_NAMES = List.of(COLUMNS);
  private static final CsvHeader.Layout CANONICAL = CsvHeader.Layout.inOrder(COLUMNS.length);
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private final String ingestionId;
  private final long ingestionMillis;
  private final DateRange dates;
  private final Map<String, CsvHeader.Layout> layouts;

  public TripParser(String ingestionId, long ingestionMillis) {
    this(ingestionId, ingestionMillis, DateRange.DEFAULT, Map.of());
  }

  public TripParser(String ingestionId, long ingestionMillis, DateRange dates, Map<String, CsvHeader.Layout> layouts) {
    this.ingestionId = ingestionId;
    this.ingestionMillis = ingestionMillis;
    this.dates = dates;
    this.layouts = Map.copyOf(layouts);
  }

  /** The UTC date of an ingestion: the raw partition it is appended to. */
  public static String ingestionDate(long ingestionMillis) {
    return java.time.Instant.ofEpochMilli(ingestionMillis).atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  @Override
  public Row parse(SourceLine line) {
    CsvHeader.Layout layout = layouts.getOrDefault(line.source, CANONICAL);
    List<String> all = LineParser.csvFields(line);
    if (all.size() != layout.width) {
      throw new RowRejected("expected " + layout.width + " columns (" + HEADER + "), got " + all.size());
    }
    List<String> fields = new java.util.ArrayList<>(COLUMNS.length);
    for (int p : layout.positions) {
      fields.add(all.get(p));
    }
    for (int i = 0; i < COLUMNS.length; i++) {
      if (fields.get(i).isBlank()) {
        throw new RowRejected("missing " + COLUMNS[i]);
      }
      if (CONTROL.matcher(fields.get(i)).find()) {
        throw new RowRejected(COLUMNS[i] + " holds a control character (a line break from broken quoting?)");
      }
    }
    double[] origin = point(COLUMNS[1], fields.get(1));
    double[] destination = point(COLUMNS[2], fields.get(2));
    return Row.withSchema(TripSchemas.RAW_TRIP)
        .addValues(fields.get(0).trim(), origin[0], origin[1], destination[0], destination[1],
            datetime(fields.get(3), dates), fields.get(4).trim(), ingestionId, new Instant(ingestionMillis),
            ingestionDate(ingestionMillis))
        .build();
  }

  /** {@code POINT (lon lat)} as {@code [lon, lat]}. */
  static double[] point(String column, String text) {
    Matcher m = POINT.matcher(text.trim());
    if (!m.matches()) {
      throw new RowRejected("bad " + column + " '" + text + "': expected POINT (lon lat)");
    }
    double lon = Double.parseDouble(m.group(1));
    double lat = Double.parseDouble(m.group(2));
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      throw new RowRejected("bad " + column + " '" + text + "': lon must be in [-180, 180], lat in [-90, 90]");
    }
    return new double[] {lon, lat};
  }

  static Instant datetime(String text, DateRange dates) {
    LocalDateTime parsed;
    try {
      parsed = LocalDateTime.parse(text.trim(), DATETIME);
    } catch (DateTimeParseException e) {
      throw new RowRejected("bad datetime '" + text + "': expected yyyy-MM-dd HH:mm:ss");
    }
    return new Instant(dates.check("datetime", parsed).toInstant(ZoneOffset.UTC).toEpochMilli());
  }
}
