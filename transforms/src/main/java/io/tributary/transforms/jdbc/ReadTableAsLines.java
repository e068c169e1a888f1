package io.tributary.transforms.jdbc;

import io.tributary.transforms.io.CsvFields;
import io.tributary.transforms.io.SourceLine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
    checkColumns(url, table, columns);
    return input.apply(JdbcIO.<SourceLine>read()
        .withDataSourceConfiguration(JdbcUrls.dataSource(url))
        .withQuery("SELECT " + String.join(", ", columns) + " FROM " + table)
        .withFetchSize(10_000)
        .withOutputParallelization(true)
        .withRowMapper(new ToLine("jdbc:" + table))
        .withCoder(coder(input)));
  }

  /** Fails naming the table, or the columns it lacks. */
  public static void checkColumns(String url, String table, List<String> columns) {
    try (Connection c = JdbcUrls.connect(url); Statement s = c.createStatement()) {
      if (!JdbcTables.exists(c, table)) {
        throw new IllegalArgumentException("table " + table + " does not exist at " + url);
      }
      Set<String> have = new HashSet<>();
      try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          have.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
      }
      List<String> missing = new ArrayList<>();
      for (String column : columns) {
        if (!have.contains(column.toLowerCase(Locale.ROOT))) {
          missing.add(column);
        }
      }
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("table " + table + " lacks column(s) " + String.join(", ", missing)
            + " (has: " + String.join(", ", new java.util.TreeSet<>(have)) + ")");
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot read table " + table + " at " + url + ": " + e.getMessage(), e);
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
