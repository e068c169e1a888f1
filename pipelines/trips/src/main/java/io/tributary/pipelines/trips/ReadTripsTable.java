package io.tributary.pipelines.trips;

import io.tributary.transforms.io.CsvFields;
import io.tributary.transforms.io.SourceLine;
import io.tributary.transforms.jdbc.JdbcUrls;
import io.tributary.transforms.jdbc.SqlIdentifiers;
import io.tributary.transforms.secrets.Redact;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Calendar;
import java.util.TimeZone;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Reads the JDBC {@code trips} table in parallel id ranges and renders each row as a line of the
 * challenge CSV format, so database rows go through the same strict parser and dead-letter path as
 * files ({@code source = jdbc:TABLE}, {@code line = id}).
 */
final class ReadTripsTable extends PTransform<PBegin, PCollection<SourceLine>> {
  private final String url;
  private final String table;
  private final int partitions;
  private static final List<String> COLUMNS =
      List.of("id", "region", "origin_coord", "destination_coord", "datetime", "datasource");

  ReadTripsTable(String url, String table, int partitions) {
    this.url = url;
    this.table = table;
    this.partitions = partitions;
  }

  @Override
  public PCollection<SourceLine> expand(PBegin input) {
    // The table name is the user's text: validated, found through metadata and quoted before any
    // query; the columns too. Only then are the id bounds read.
    String select;
    String id;
    long[] bounds;
    try (Connection c = JdbcUrls.connect(url)) {
      SqlIdentifiers.ResolvedTable t = SqlIdentifiers.resolve(c, table);
      List<String> quoted = new ArrayList<>();
      for (String column : COLUMNS) {
        String q = t.quotedColumn(column);
        if (q == null) {
          throw new IllegalArgumentException("table " + table + " lacks column " + column
              + " (has: " + String.join(", ", t.columns.keySet()) + ")");
        }
        quoted.add(q + " AS " + column);
      }
      id = t.quotedColumn("id");
      select = "(SELECT " + String.join(", ", quoted) + " FROM " + t.quoted + ") t";
      bounds = idBounds(c, t.quoted, id);
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot read table '" + table + "' at " + Redact.url(url) + ": "
          + Redact.text(e.getMessage()), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " at " + Redact.url(url), e);
    }
    if (bounds == null) {
      return input.apply("EmptyTable", Create.empty(TypeDescriptor.of(SourceLine.class)));
    }
    String source = "jdbc:" + table;
    return input.apply(
        JdbcIO.<SourceLine>readWithPartitions()
            .withDataSourceConfiguration(JdbcUrls.dataSource(url))
            .withTable(select)
            .withPartitionColumn("id")
            .withLowerBound(bounds[0])
            .withUpperBound(bounds[1] + 1)
            .withNumPartitions(partitions)
            .withRowMapper(new ToSourceLine(source))
            .withCoder(coder(input)));
  }

  private static org.apache.beam.sdk.coders.Coder<SourceLine> coder(PBegin input) {
    try {
      return input.getPipeline().getSchemaRegistry().getSchemaCoder(SourceLine.class);
    } catch (org.apache.beam.sdk.schemas.NoSuchSchemaException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long[] idBounds(Connection c, String quotedTable, String quotedId) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MIN(" + quotedId + "), MAX(" + quotedId + "), COUNT(*) FROM " + quotedTable)) {
      rs.next();
      return rs.getLong(3) == 0 ? null : new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  /** A named class, not a lambda: JdbcIO's display data needs the mapper's canonical name. */
  static final class ToSourceLine implements JdbcIO.RowMapper<SourceLine> {
    private final String source;

    ToSourceLine(String source) {
      this.source = source;
    }

    @Override
    public SourceLine mapRow(ResultSet rs) throws SQLException {
      return SourceLine.of(source, rs.getLong("id"), render(rs));
    }
  }

  private static String render(ResultSet rs) throws SQLException {
    Timestamp datetime = rs.getTimestamp("datetime", Calendar.getInstance(TimeZone.getTimeZone("UTC")));
    String when = datetime == null ? "" : TripParser.DATETIME.format(
        datetime.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDateTime());
    return CsvFields.join(Arrays.asList(rs.getString("region"), rs.getString("origin_coord"),
        rs.getString("destination_coord"), when, rs.getString("datasource")));
  }
}
