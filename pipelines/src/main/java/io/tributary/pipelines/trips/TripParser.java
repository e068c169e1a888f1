package io.tributary.pipelines.trips;

import io.tributary.schemas.TripSchemas;
import io.tributary.transforms.deadletter.LineParser;
import io.tributary.transforms.deadletter.RowRejected;
import io.tributary.transforms.io.SourceLine;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * Parses one line of the challenge format {@code region,origin_coord,destination_coord,datetime,datasource}
 * strictly: coordinates {@code POINT (lon lat)} with finite, in-range numbers, datetime
 * {@code yyyy-MM-dd HH:mm:ss} that exists on the calendar, no missing field, exactly five columns.
 */
public final class TripParser implements LineParser {
  public static final String HEADER = "region,origin_coord,destination_coord,datetime,datasource";
  static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
  private static final String[] COLUMNS = HEADER.split(",");
  private static final Pattern POINT = Pattern.compile(
      "(?i)POINT\\s*\\(\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s+([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*\\)");

  private final String ingestionId;
  private final long ingestionMillis;

  public TripParser(String ingestionId, long ingestionMillis) {
    this.ingestionId = ingestionId;
    this.ingestionMillis = ingestionMillis;
  }

  /** The UTC date of an ingestion: the raw partition it is appended to. */
  public static String ingestionDate(long ingestionMillis) {
    return java.time.Instant.ofEpochMilli(ingestionMillis).atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  @Override
  public Row parse(SourceLine line) {
    List<String> fields = LineParser.csvFields(line);
    if (fields.size() != COLUMNS.length) {
      throw new RowRejected("expected " + COLUMNS.length + " columns (" + HEADER + "), got " + fields.size());
    }
    for (int i = 0; i < COLUMNS.length; i++) {
      if (fields.get(i).isBlank()) {
        throw new RowRejected("missing " + COLUMNS[i]);
      }
    }
    double[] origin = point(COLUMNS[1], fields.get(1));
    double[] destination = point(COLUMNS[2], fields.get(2));
    return Row.withSchema(TripSchemas.RAW_TRIP)
        .addValues(fields.get(0).trim(), origin[0], origin[1], destination[0], destination[1],
            datetime(fields.get(3)), fields.get(4).trim(), ingestionId, new Instant(ingestionMillis),
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

  static Instant datetime(String text) {
    try {
      return new Instant(LocalDateTime.parse(text.trim(), DATETIME).toInstant(ZoneOffset.UTC).toEpochMilli());
    } catch (DateTimeParseException e) {
      throw new RowRejected("bad datetime '" + text + "': expected yyyy-MM-dd HH:mm:ss");
    }
  }
}
