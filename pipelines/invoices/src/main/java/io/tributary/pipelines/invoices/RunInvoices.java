package io.tributary.pipelines.invoices;

import io.tributary.core.step.Exports;
import io.tributary.core.step.Lake;
import io.tributary.core.table.TableOutput;
import io.tributary.core.table.TableSpec;
import io.tributary.core.step.StepReport;
import io.tributary.core.step.TableStep;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.validation.DateRange;
import io.tributary.transforms.io.ReadSourceLines;
import io.tributary.transforms.io.SourceLine;
import io.tributary.transforms.io.WriteCsv;
import io.tributary.transforms.jdbc.ReadTableAsLines;
import io.tributary.transforms.jdbc.ReplaceJdbcTable;
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
 * late_payment and product_mix for one as-of day into the Iceberg tables {@code invoices.late_payment}
 * and {@code invoices.product_mix} (that day's partition replaced; other days stay), as CSV exports
 * (moved into place after the tables committed) and, with --sinkJdbc, JDBC tables. Each run also lands
 * the four source tables it read ({@code invoices.accounts}, ...) as a snapshot of each, so the
 * data can be read as it was at any time; the reports are computed from exactly those rows.
 */
public final class RunInvoices extends TableStep {
  public static final String NAME = "invoices";
  public static final String JDBC_LATE_PAYMENT = "invoices_late_payment";
  public static final String JDBC_PRODUCT_MIX = "invoices_product_mix";

  private final InvoicesOptions options;
  private final LocalDate asOf;
  private final String lakeRoot;
  /** The CSV exports, moved into place after the tables committed. */
  private final Exports exports;

  public RunInvoices(InvoicesOptions options) {
    super(NAME, options);
    this.options = options;
    this.asOf = asOf(options);
    this.lakeRoot = Lake.root(options);
    this.exports = new Exports(runId());
  }

  /** --asOf, or today (UTC), within the run's valid dates; the options are left as given. */
  public static LocalDate asOf(InvoicesOptions options) {
    String given = options.getAsOf();
    if (given == null || given.isBlank()) {
      return LocalDate.now(ZoneOffset.UTC);
    }
    try {
      return Lake.dates(options).checkFlag("--as-of", LocalDate.parse(given.trim()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--as-of must be yyyy-MM-dd, got '" + given + "'");
    }
  }

  /** The day this run reports as of. */
  public LocalDate asOf() {
    return asOf;
  }

  @Override
  protected void build(Pipeline pipeline) {
    PCollectionTuple tables = readTables(pipeline);
    PCollectionTuple outputs = tables.apply("Compute",
        ComputeInvoiceOutputs.asOf(NAME, asOf, options.getPaymentTermDays()));

    write(outputs.get(ComputeInvoiceOutputs.LATE_PAYMENT), InvoicesTables.LATE_PAYMENT, InvoicesTables.LATE_PAYMENT_EXPORT,
        JDBC_LATE_PAYMENT);
    write(outputs.get(ComputeInvoiceOutputs.PRODUCT_MIX), InvoicesTables.PRODUCT_MIX, InvoicesTables.PRODUCT_MIX_EXPORT,
        JDBC_PRODUCT_MIX);

    List<PCollection<Row>> deadLetters = new ArrayList<>();
    deadLetters.add(outputs.get(ComputeInvoiceOutputs.DEAD_LETTERS));
    deadLetters.add(tables.get(ParseWithDeadLetters.DEAD_LETTERS));
    PCollectionList.of(deadLetters).apply("AllDeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", tables().deadLetters(InvoicesTables.DEAD_LETTERS));
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
      parsed.get(ParseWithDeadLetters.PARSED)
          .apply("Land " + t.table, tables().write(TableOutput.snapshotOf(InvoicesTables.source(t))));
      rejects.add(parsed.get(ParseWithDeadLetters.DEAD_LETTERS));
    }
    return tables.and(ParseWithDeadLetters.DEAD_LETTERS,
        PCollectionList.of(rejects).apply("ParseRejects", Flatten.pCollections()));
  }

  private void write(PCollection<Row> rows, TableSpec spec, String table, String jdbcTable) {
    rows.apply("Table " + table, tables().write(TableOutput.replacePartitions(spec)));
    rows.apply("Csv " + table, WriteCsv.to(exports.stage(InvoicesTables.exportFolder(lakeRoot, table, asOf)) + "/"
        + InvoicesTables.exportFile(table)));
    if (options.getSinkJdbc()) {
      rows.apply("Jdbc " + jdbcTable,
          ReplaceJdbcTable.of(Lake.jdbcUrl(options), jdbcTable).onlyWhere("as_of", asOf));
    }
  }

  @Override
  protected List<String> exports() {
    return exports.targets();
  }

  /** The CSV exports, moved into place once the tables committed. */
  @Override
  protected void published(StepReport report) {
    exports.publish();
  }

  @Override
  public void abort() {
    try {
      super.abort();
    } finally {
      exports.discard();
    }
  }
}
