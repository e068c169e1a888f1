package io.tributary.transforms.jdbc;

import java.sql.Connection;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * Replaces a (small) JDBC table with the rows of a PCollection in a single transaction: readers see
 * the old table or the new one, never a mix, and a retried bundle rewrites the same content.
 * The rows travel as one side input, so this is for report-sized tables, not bulk loads.
 * Runs once even for an empty input, which empties the table.
 */
public final class ReplaceJdbcTable extends PTransform<PCollection<Row>, PCollection<Integer>> {
  private final String url;
  private final String table;
  private final String column;
  private final java.io.Serializable value;

  private ReplaceJdbcTable(String url, String table, String column, java.io.Serializable value) {
    this.url = url;
    this.table = table;
    this.column = column;
    this.value = value;
  }

  public static ReplaceJdbcTable of(String url, String table) {
    return new ReplaceJdbcTable(url, table, null, null);
  }

  /** Replace only the rows with {@code column = value} (one day of a snapshot table), keep the rest. */
  public ReplaceJdbcTable onlyWhere(String column, java.io.Serializable value) {
    return new ReplaceJdbcTable(url, table, column, value);
  }

  @Override
  public PCollection<Integer> expand(PCollection<Row> rows) {
    PCollectionView<List<Row>> all = rows.apply("AsList", View.asList());
    return rows.getPipeline()
        .apply("Once", Create.of(0))
        .apply("Replace " + table,
            ParDo.of(new ReplaceFn(url, table, column, value, rows.getSchema(), all)).withSideInputs(all));
  }

  private static final class ReplaceFn extends DoFn<Integer, Integer> {
    private final String url;
    private final String table;
    private final String column;
    private final java.io.Serializable value;
    private final Schema schema;
    private final PCollectionView<List<Row>> all;

    ReplaceFn(String url, String table, String column, java.io.Serializable value, Schema schema,
        PCollectionView<List<Row>> all) {
      this.url = url;
      this.table = table;
      this.column = column;
      this.value = value;
      this.schema = schema;
      this.all = all;
    }

    @ProcessElement
    public void process(ProcessContext context) throws Exception {
      List<Row> rows = context.sideInput(all);
      try (Connection connection = JdbcUrls.connect(url)) {
        JdbcTables.replace(connection, table, schema, column, value, rows);
      }
      context.output(rows.size());
    }
  }
}
