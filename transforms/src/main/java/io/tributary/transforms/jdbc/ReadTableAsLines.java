package io.tributary.transforms.jdbc;

import io.tributary.transforms.io.CsvFields;
import io.tributary.transforms.io.SourceLine;
import io.tributary.transforms.secrets.Redact;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.NavigableSet;
import java.util.TimeZone;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The one JDBC reader: the given columns of a table, each row rendered as a CSV record in that
 * column order, so database rows go through the same parser and dead-letter path as files
 * ({@code source = jdbc:TABLE}). The table and columns are the user's text: validated, looked up
 * through metadata and quoted ({@link SqlIdentifiers}) when the pipeline is built, so a missing
 * table or column fails at once, naming them.
 *
 * <p>By default one query (line 0 for every row). {@link #partitionedBy} reads in parallel ranges of
 * an integer column (its min and max read first; an empty table reads nothing), that column's value
 * being each record's line. {@link #forDays} reads the rows of some days of a DATE column, a query
 * per day. {@link #timestampsAs} renders TIMESTAMP columns in UTC with a pattern
 * (the file format's), instead of the driver's text.
 */
public final class ReadTableAsLines extends PTransform<PBegin, PCollection<SourceLine>> {
  private final String url;
  private final String table;
  private final List<String> columns;
  private final String partitionColumn;
  private final int partitions;
  private final String timestampPattern;
  private final String dayColumn;
  private final List<LocalDate> days;

  private ReadTableAsLines(String url, String table, List<String> columns, String partitionColumn, int partitions,
      String timestampPattern, String dayColumn, List<LocalDate> days) {
    this.url = url;
    this.table = table;
    this.columns = List.copyOf(columns);
    this.partitionColumn = partitionColumn;
    this.partitions = partitions;
    this.timestampPattern = timestampPattern;
    this.dayColumn = dayColumn;
    this.days = days;
  }

  public static ReadTableAsLines of(String url, String table, List<String> columns) {
    return new ReadTableAsLines(url, table, columns, null, 0, null, null, null);
  }

  /** Parallel ranges of {@code column} (an integer key, not among the rendered columns), its value as the line. */
  public ReadTableAsLines partitionedBy(String column, int numPartitions) {
    return new ReadTableAsLines(url, table, columns, column, numPartitions, timestampPattern, null, null);
  }

  /**
   * Only the rows of {@code days} in the DATE column {@code column}, one query per day (bound
   * parameter) run in parallel; each record's source names its day as a lake partition would:
   * {@code jdbc:TABLE/COLUMN=2024-06-03/}.
   */
  public ReadTableAsLines forDays(String column, List<LocalDate> days) {
    return new ReadTableAsLines(url, table, columns, null, 0, timestampPattern, column, List.copyOf(days));
  }

  /** TIMESTAMP columns rendered in UTC with {@code pattern} ({@link DateTimeFormatter}). */
  public ReadTableAsLines timestampsAs(String pattern) {
    DateTimeFormatter.ofPattern(pattern); // fails now on a bad pattern, not on a worker
    return new ReadTableAsLines(url, table, columns, partitionColumn, partitions, pattern, dayColumn, days);
  }

  /** The distinct values of the DATE column {@code column} of {@code table}, in order. */
  public static NavigableSet<LocalDate> distinctDays(String url, String table, String column) {
    try (Connection c = connect(url, table)) {
      Resolved resolved = resolve(c, url, table, List.of(column));
      String sql = "SELECT DISTINCT " + resolved.quotedColumns.get(0) + " FROM " + resolved.quotedTable;
      NavigableSet<LocalDate> days = new TreeSet<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          LocalDate day = rs.getObject(1, LocalDate.class);
          if (day != null) {
            days.add(day);
          }
        }
      }
      return days;
    } catch (SQLException e) {
      throw cannotRead(url, "the days (" + column + ") of table " + table, e);
    }
  }

  @Override
  public PCollection<SourceLine> expand(PBegin input) {
    List<String> selected = new ArrayList<>(columns);
    if (partitionColumn != null) {
      selected.add(partitionColumn);
    }
    if (dayColumn != null) {
      return byDay(input);
    }
    ToLine mapper = new ToLine("jdbc:" + table, columns.size(), partitionColumn != null, timestampPattern);
    if (partitionColumn == null) {
      Resolved resolved = resolve(url, table, selected);
      return input.apply(JdbcIO.<SourceLine>read()
          .withDataSourceConfiguration(JdbcUrls.dataSource(url))
          .withQuery(resolved.select)
          .withFetchSize(10_000)
          .withOutputParallelization(true)
          .withRowMapper(mapper)
          .withCoder(coder(input)));
    }
    Resolved resolved;
    long[] bounds;
    try (Connection c = connect(url, table)) {
      resolved = resolve(c, url, table, selected);
      bounds = bounds(c, resolved.quotedTable, resolved.quotedColumns.get(selected.size() - 1));
    } catch (SQLException e) {
      throw cannotRead(url, "table " + table, e);
    }
    if (bounds == null) {
      return input.apply("EmptyTable", Create.empty(TypeDescriptor.of(SourceLine.class)));
    }
    // JdbcIO names the partition column in its range predicate over the sub-select; the select
    // aliases every column to its plain name (validated: [A-Za-z_][A-Za-z0-9_]*) so that works.
    List<String> aliased = new ArrayList<>();
    for (int i = 0; i < selected.size(); i++) {
      aliased.add(resolved.quotedColumns.get(i) + " AS " + SqlIdentifiers.column(selected.get(i)));
    }
    return input.apply(JdbcIO.<SourceLine>readWithPartitions()
        .withDataSourceConfiguration(JdbcUrls.dataSource(url))
        .withTable("(SELECT " + String.join(", ", aliased) + " FROM " + resolved.quotedTable + ") t")
        .withPartitionColumn(SqlIdentifiers.column(partitionColumn))
        .withLowerBound(bounds[0])
        .withUpperBound(bounds[1] + 1)
        .withNumPartitions(partitions)
        .withRowMapper(mapper)
        .withCoder(coder(input)));
  }

  private PCollection<SourceLine> byDay(PBegin input) {
    List<String> selected = new ArrayList<>(columns);
    selected.add(dayColumn);
    Resolved resolved = resolve(url, table, selected);
    if (days.isEmpty()) {
      return input.apply("NoDays", Create.empty(TypeDescriptor.of(SourceLine.class)));
    }
    List<String> dayTexts = new ArrayList<>();
    days.forEach(d -> dayTexts.add(d.toString()));
    return input
        .apply("Days", Create.of(dayTexts))
        .apply("ReadDays", JdbcIO.<String, SourceLine>readAll()
            .withDataSourceConfiguration(JdbcUrls.dataSource(url))
            .withQuery(resolved.select + " WHERE " + resolved.quotedColumns.get(selected.size() - 1) + " = ?")
            .withParameterSetter(new DayParameter())
            .withFetchSize(10_000)
            .withOutputParallelization(true)
            .withRowMapper(new ToDayLine(table, dayColumn, columns.size(), timestampPattern))
            .withCoder(coder(input)));
  }

  /** Binds the day as a DATE: a named class, as JdbcIO's display data wants. */
  static final class DayParameter implements JdbcIO.PreparedStatementSetter<String> {
    @Override
    public void setParameters(String day, PreparedStatement statement) throws Exception {
      statement.setObject(1, LocalDate.parse(day));
    }
  }

  /** A row of one day: rendered as {@link ToLine} does, its source naming the table and the day. */
  static final class ToDayLine implements JdbcIO.RowMapper<SourceLine> {
    private final String table;
    private final String dayColumn;
    private final ToLine line;

    ToDayLine(String table, String dayColumn, int rendered, String timestampPattern) {
      this.table = table;
      this.dayColumn = dayColumn;
      this.line = new ToLine("jdbc:" + table, rendered, false, timestampPattern);
    }

    @Override
    public SourceLine mapRow(ResultSet rs) throws SQLException {
      SourceLine l = line.mapRow(rs);
      LocalDate day = rs.getObject(line.rendered + 1, LocalDate.class);
      return SourceLine.of("jdbc:" + table + "/" + dayColumn + "=" + day + "/", l.line, l.text);
    }
  }

  /** Fails naming the table, or the columns it lacks. */
  public static void checkColumns(String url, String table, List<String> columns) {
    resolve(url, table, columns);
  }

  /** The query of {@link #of}: {@code SELECT "c1", "c2" FROM "table"}, checked and quoted. */
  public static String selectColumns(String url, String table, List<String> columns) {
    return resolve(url, table, columns).select;
  }

  private static final class Resolved {
    final String quotedTable;
    final List<String> quotedColumns;
    final String select;

    Resolved(String quotedTable, List<String> quotedColumns) {
      this.quotedTable = quotedTable;
      this.quotedColumns = quotedColumns;
      this.select = "SELECT " + String.join(", ", quotedColumns) + " FROM " + quotedTable;
    }
  }

  /**
   * The table and columns checked through metadata and written as the database stores them,
   * quoted; fails naming the table, or the columns it lacks, before any query runs.
   */
  private static Resolved resolve(String url, String table, List<String> columns) {
    try (Connection c = connect(url, table)) {
      return resolve(c, url, table, columns);
    } catch (SQLException e) {
      throw cannotRead(url, "table " + table, e);
    }
  }

  /** The database's error, its credentials redacted, naming what was read ({@code table t}, say). */
  private static IllegalArgumentException cannotRead(String url, String what, SQLException e) {
    return new IllegalArgumentException("cannot read " + what + " at " + Redact.url(url) + ": "
        + Redact.text(e.getMessage()), e);
  }

  /** A connection to {@code url}, once {@code table} is a valid name (so a bad name fails before connecting). */
  private static Connection connect(String url, String table) throws SQLException {
    SqlIdentifiers.table(table);
    return JdbcUrls.connect(url);
  }

  /** The quoted table and columns as {@code c}'s metadata names them; fails naming what is missing. */
  private static Resolved resolve(Connection c, String url, String table, List<String> columns) throws SQLException {
    SqlIdentifiers.ResolvedTable resolved;
    try {
      resolved = SqlIdentifiers.resolve(c, table);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " at " + Redact.url(url), e);
    }
    List<String> missing = new ArrayList<>();
    List<String> quoted = new ArrayList<>();
    for (String column : columns) {
      String q = resolved.quotedColumn(SqlIdentifiers.column(column));
      if (q == null) {
        missing.add(column);
      } else {
        quoted.add(q);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("table " + table + " lacks column(s) " + String.join(", ", missing)
          + " (has: " + String.join(", ", new TreeSet<>(resolved.columns.keySet())) + ")");
    }
    return new Resolved(resolved.quoted, quoted);
  }

  /** Min and max of the (quoted) partition column, or null for an empty table. */
  private static long[] bounds(Connection c, String quotedTable, String quotedColumn) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MIN(" + quotedColumn + "), MAX(" + quotedColumn + "), COUNT(*) FROM "
            + quotedTable)) {
      rs.next();
      return rs.getLong(3) == 0 ? null : new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private static Coder<SourceLine> coder(PBegin input) {
    try {
      return input.getPipeline().getSchemaRegistry().getSchemaCoder(SourceLine.class);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A named class, not a lambda: JdbcIO's display data needs the mapper's canonical name. */
  static final class ToLine implements JdbcIO.RowMapper<SourceLine> {
    private final String source;
    final int rendered;
    private final boolean lineFromLast;
    private final String timestampPattern;
    private transient DateTimeFormatter timestamps;

    ToLine(String source, int rendered, boolean lineFromLast, String timestampPattern) {
      this.source = source;
      this.rendered = rendered;
      this.lineFromLast = lineFromLast;
      this.timestampPattern = timestampPattern;
    }

    @Override
    public SourceLine mapRow(ResultSet rs) throws SQLException {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> values = new ArrayList<>(rendered);
      for (int i = 1; i <= rendered; i++) {
        values.add(value(rs, meta, i));
      }
      return SourceLine.of(source, lineFromLast ? rs.getLong(rendered + 1) : 0, CsvFields.join(values));
    }

    private String value(ResultSet rs, ResultSetMetaData meta, int i) throws SQLException {
      int type = meta.getColumnType(i);
      if (timestampPattern == null || (type != Types.TIMESTAMP && type != Types.TIMESTAMP_WITH_TIMEZONE)) {
        return rs.getString(i);
      }
      Timestamp t = rs.getTimestamp(i, Calendar.getInstance(TimeZone.getTimeZone("UTC")));
      if (timestamps == null) {
        timestamps = DateTimeFormatter.ofPattern(timestampPattern);
      }
      return t == null ? null : timestamps.format(t.toInstant().atZone(ZoneOffset.UTC).toLocalDateTime());
    }
  }
}
