package io.tributary.transforms.jdbc;

import io.tributary.transforms.io.CsvFields;
import io.tributary.transforms.io.SourceLine;
import io.tributary.transforms.secrets.Redact;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads the given columns of a JDBC table and renders each row as a CSV record in that column
 * order, so database rows go through the same parser and dead-letter path as files
 * ({@code source = jdbc:TABLE}, line 0). The columns are checked when the pipeline is built: a
 * missing table or column fails at once, naming them.
 */
public final class ReadTableAsLines extends PTransform<PBegin, PCollection<SourceLine>> {
  private final String url;
  private final String table;
  private final List<String> columns;

  private ReadTableAsLines(String url, String table, List<String> columns) {
    this.url = url;
    this.table = table;
    this.columns = List.copyOf(columns);
  }

  public static ReadTableAsLines of(String url, String table, List<String> columns) {
    return new ReadTableAsLines(url, table, columns);
  }

  @Override
  public PCollection<SourceLine> expand(PBegin input) {
    String query = selectColumns(url, table, columns);
    return input.apply(JdbcIO.<SourceLine>read()
        .withDataSourceConfiguration(JdbcUrls.dataSource(url))
        .withQuery(query)
        .withFetchSize(10_000)
        .withOutputParallelization(true)
        .withRowMapper(new ToLine("jdbc:" + table))
        .withCoder(coder(input)));
  }

  /** Fails naming the table, or the columns it lacks. */
  public static void checkColumns(String url, String table, List<String> columns) {
    selectColumns(url, table, columns);
  }

  /**
   * {@code SELECT "c1", "c2" FROM "table"}: the table and columns checked through metadata and
   * written as the database stores them, quoted (see {@link SqlIdentifiers}); fails naming the
   * table, or the columns it lacks, before any query runs.
   */
  public static String selectColumns(String url, String table, List<String> columns) {
    SqlIdentifiers.table(table);
    try (Connection c = JdbcUrls.connect(url)) {
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
      return "SELECT " + String.join(", ", quoted) + " FROM " + resolved.quoted;
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot read table " + table + " at " + Redact.url(url) + ": "
          + Redact.text(e.getMessage()), e);
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

    ToLine(String source) {
      this.source = source;
    }

    @Override
    public SourceLine mapRow(ResultSet rs) throws SQLException {
      int n = rs.getMetaData().getColumnCount();
      List<String> values = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        values.add(rs.getString(i));
      }
      return SourceLine.of(source, 0, CsvFields.join(values));
    }
  }
}
