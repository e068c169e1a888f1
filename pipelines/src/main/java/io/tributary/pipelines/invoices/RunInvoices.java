package io.tributary.pipelines.invoices;

import io.tributary.pipelines.Lake;
import io.tributary.pipelines.PipelineStep;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.deadletter.WriteDeadLetters;
import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.validation.DateRange;
import io.tributary.transforms.io.ReadSourceLines;
import io.tributary.transforms.io.SourceLine;
import io.tributary.transforms.io.WriteCsv;
import io.tributary.transforms.jdbc.ReadTableAsLines;
import io.tributary.transforms.jdbc.ReplaceJdbcTable;
import io.tributary.transforms.lake.ReplaceDirectory;
import io.tributary.transforms.lake.WriteParquetPartitions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;

/**
 * {@code invoices run}: the seed's batch job. Reads the four tables (CSV folder or JDBC), parses
 * them strictly, joins them with referential integrity ({@link ComputeInvoiceOutputs}) and writes
 * late_payment and product_mix for one as-of day as Parquet and CSV (and JDBC with --sinkJdbc).
 * Everything is staged and published only when the run succeeded; a rerun of the same day
 * replaces that day, other days stay.
 */
public final class RunInvoices implements PipelineStep {
  public static final String NAME = "invoices";
  public static final String JDBC_LATE_PAYMENT = "invoices_late_payment";
  public static final String JDBC_PRODUCT_MIX = "invoices_product_mix";

  private final InvoicesOptions options;
  private final LocalDate asOf;
  private final InvoicesLake lake;
  /** target folder -> its staging folder, published together on success. */
  private final Map<String, String> staged = new LinkedHashMap<>();

  public RunInvoices(InvoicesOptions options) {
    this.options = options;
    this.asOf = asOf(options);
    this.lake = new InvoicesLake(options, asOf);
  }

  /** --asOf, or today (UTC); written back so every output and the summary show the same day. */
  public static LocalDate asOf(InvoicesOptions options) {
    if (options.getAsOf() == null || options.getAsOf().isBlank()) {
      options.setAsOf(LocalDate.now(ZoneOffset.UTC).toString());
    }
    try {
      return Lake.dates(options).checkFlag("--as-of", LocalDate.parse(options.getAsOf().trim()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--as-of must be yyyy-MM-dd, got '" + options.getAsOf() + "'");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void expand(Pipeline pipeline) {
    String runId = Lake.runId(options);
    PCollectionTuple tables = readTables(pipeline);
    PCollectionTuple outputs = tables.apply("Compute",
        ComputeInvoiceOutputs.asOf(NAME, asOf, options.getPaymentTermDays()));

    write(outputs.get(ComputeInvoiceOutputs.LATE_PAYMENT), InvoicesLake.LATE_PAYMENT, JDBC_LATE_PAYMENT, runId);
    write(outputs.get(ComputeInvoiceOutputs.PRODUCT_MIX), InvoicesLake.PRODUCT_MIX, JDBC_PRODUCT_MIX, runId);

    List<PCollection<Row>> deadLetters = new ArrayList<>();
    deadLetters.add(outputs.get(ComputeInvoiceOutputs.DEAD_LETTERS));
    deadLetters.add(tables.get(ParseWithDeadLetters.DEAD_LETTERS));
    PCollectionList.of(deadLetters).apply("AllDeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", WriteDeadLetters.to(stage(lake.deadLetters()), runId));
  }

  /** The four parsed tables, and their parse rejects under {@link ParseWithDeadLetters#DEAD_LETTERS}. */
  private PCollectionTuple readTables(Pipeline pipeline) {
    String source = options.getSource();
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("invoices run needs --source=DIR (a folder of the four CSV files, local or s3://) or --source=jdbc");
    }
    boolean jdbc = source.equals("jdbc");
    DateRange dates = Lake.dates(options);
    String url = options.getSourceJdbcUrl() != null ? options.getSourceJdbcUrl() : Lake.jdbcUrl(options);
    String dir = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;

    // Check every table before building anything: one message listing all that is wrong.
    Map<InvoiceTable, CsvHeader.Layout> layouts = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (InvoiceTable t : InvoiceTable.values()) {
      try {
        if (jdbc) {
          ReadTableAsLines.checkColumns(url, t.table, t.columns());
        } else {
          layouts.put(t, CsvHeader.layout(dir + "/" + t.table + ".csv", t.columns()));
        }
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invoices source " + source + " is not usable: " + String.join("; ", problems));
    }

    PCollectionTuple tables = PCollectionTuple.empty(pipeline);
    List<PCollection<Row>> rejects = new ArrayList<>();
    for (InvoiceTable t : InvoiceTable.values()) {
      PCollection<SourceLine> lines = jdbc
          ? pipeline.apply("Read " + t.table, ReadTableAsLines.of(url, t.table, t.columns()))
          : pipeline.apply("Read " + t.table,
              ReadSourceLines.from(dir + "/" + t.table + ".csv").withHeaderRow().csvRecords()
                  .withMaxRecordBytes(options.getMaxRecordBytes()));
      PCollectionTuple parsed = lines.apply("Parse " + t.table, ParseWithDeadLetters.of(NAME, t.schema,
          jdbc ? InvoiceLineParser.inColumnOrder(t, dates) : InvoiceLineParser.ofFile(t, layouts.get(t), dates)));
      tables = tables.and(ComputeInvoiceOutputs.tag(t), parsed.get(ParseWithDeadLetters.PARSED));
      rejects.add(parsed.get(ParseWithDeadLetters.DEAD_LETTERS));
    }
    return tables.and(ParseWithDeadLetters.DEAD_LETTERS,
        PCollectionList.of(rejects).apply("ParseRejects", Flatten.pCollections()));
  }

  private void write(PCollection<Row> rows, String table, String jdbcTable, String runId) {
    rows.apply("Parquet " + table, WriteParquetPartitions.unpartitioned(NAME, stage(lake.curated(table)), runId));
    rows.apply("Csv " + table, WriteCsv.to(stage(lake.export(table)) + "/" + InvoicesLake.exportFile(table)));
    if (options.getSinkJdbc()) {
      rows.apply("Jdbc " + jdbcTable,
          ReplaceJdbcTable.of(Lake.jdbcUrl(options), jdbcTable).onlyWhere("as_of", asOf));
    }
  }

  private String stage(String target) {
    return staged.computeIfAbsent(target, t -> ReplaceDirectory.staging(t, Lake.runId(options)));
  }

  @Override
  public void commit() {
    staged.forEach((target, staging) -> ReplaceDirectory.commit(staging, target));
  }

  @Override
  public void abort() {
    staged.values().forEach(ReplaceDirectory::discard);
  }
}
