package io.tributary.pipelines.invoices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.step.StepExecutor;
import io.tributary.core.step.StepReport;
import io.tributary.testing.LakeTableRows;
import io.tributary.transforms.jdbc.JdbcUrls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample data set through {@code invoices run}, checked against the hand-worked samples/invoices/README.md. */
class InvoicesBatchTest {
  static final Path SAMPLE = io.tributary.testing.Checkout.path("samples/invoices");

  /** Hand-worked, see samples/invoices/README.md. */
  static final List<String> LATE_PAYMENT_CSV = List.of(
      "as_of,account_id,company_name,contact_person,contact_phone,gender,joining_date,company_address,"
          + "total_invoices,total_late_invoices,total_days_since_issue,late_amount",
      "2024-06-30,1,Acme Motors,Jane Smith,07700900001,F,2018-11-06,12 High Street Unit 4 Leeds,3,1,61,29.0",
      "2024-06-30,2,Brightside Autos,Tom Brown,07700900002,M,2019-01-15,\"7 Mill Road, York\",1,1,167,40.95",
      "2024-06-30,3,Carline Ltd,Ann Lee,07700900003,F,2020-02-01,1 Station Road Hull,1,0,29,0.0",
      "2024-06-30,4,Dormant Co,Bob Gray,07700900004,M,2021-03-03,\"9 Church Lane, Bath\",0,0,0,0.0");
  static final List<String> PRODUCT_MIX_CSV = List.of(
      "as_of,account_id,company_name,sku_types_purchased",
      "2024-06-30,1,Acme Motors,\"Brake pads,Oil filter,Spark plug\"",
      "2024-06-30,2,Brightside Autos,\"Oil filter,Wiper blade\"",
      "2024-06-30,3,Carline Ltd,Oil filter",
      "2024-06-30,4,Dormant Co,");

  @TempDir Path dir;

  static InvoicesOptions options(Path lake, String runId, String... extra) {
    java.util.Map<String, String> args = new java.util.LinkedHashMap<>();
    for (String a : List.of("--runner=DirectRunner", "--lake=" + lake,
        "--jdbcUrl=jdbc:h2:file:" + lake.toAbsolutePath() + "/h2/test", "--runId=" + runId,
        "--source=" + SAMPLE, "--asOf=2024-06-30")) {
      args.put(a.substring(0, a.indexOf('=')), a);
    }
    for (String a : extra) {
      args.put(a.substring(0, a.indexOf('=')), a);
    }
    return PipelineOptionsFactory.fromArgs(args.values().toArray(new String[0])).as(InvoicesOptions.class);
  }

  /** Header first, then the data lines sorted (the file's row order is the runner's). */
  static List<String> csv(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    List<String> sorted = new ArrayList<>(lines.subList(1, lines.size()));
    sorted.sort(null);
    sorted.add(0, lines.get(0));
    return sorted;
  }

  /** The rows of one as-of day of a report table, read through the catalog. */
  private static List<java.util.Map<String, String>> day(Path lake, String table, String asOf) throws Exception {
    return LakeTableRows.read(lake, table).stream().filter(r -> asOf.equals(r.get("as_of"))).collect(Collectors.toList());
  }

  @Test
  void sampleGivesTheHandWorkedOutputsAndDeadLetters() throws Exception {
    Path lake = dir.resolve("lake");
    InvoicesOptions o = options(lake, "r1", "--sinkJdbc=true");
    StepReport report = new StepExecutor(o, System.err).run(new RunInvoices(o));

    assertEquals(LATE_PAYMENT_CSV, csv(lake.resolve("exports/invoices_late_payment/as_of=2024-06-30/late_payment.csv")));
    assertEquals(PRODUCT_MIX_CSV, csv(lake.resolve("exports/invoices_product_mix/as_of=2024-06-30/product_mix.csv")));
    assertEquals(4, day(lake, "invoices.late_payment", "2024-06-30").size());
    assertEquals(4, day(lake, "invoices.product_mix", "2024-06-30").size());
    // The four source tables as this run read them (the malformed line item is not one of them).
    assertEquals(4, LakeTableRows.read(lake, "invoices.accounts").size());
    assertEquals(4 + 4 + 7 + 12 - 1, LakeTableRows.read(lake, "invoices.accounts").size()
        + LakeTableRows.read(lake, "invoices.invoices").size() + LakeTableRows.read(lake, "invoices.invoice_line_items").size()
        + LakeTableRows.read(lake, "invoices.skus").size());

    List<JsonNode> dead = LakeTableRows.deadLetters(lake, "invoices.dead_letters");
    List<String> reasons = dead.stream().map(d -> d.get("reason").asText()).sorted().collect(Collectors.toList());
    assertEquals(List.of(
        "bad quantity 'x': expected a whole number",
        "invoice_line_items refers to unknown invoices '108'",
        "invoice_line_items refers to unknown skus '9-99-999999-9'",
        "invoices refers to unknown accounts '9'"), reasons);
    JsonNode badQuantity = dead.stream().filter(d -> d.get("reason").asText().startsWith("bad quantity")).findFirst().get();
    assertEquals("106,0-19-815287-4,x", badQuantity.get("original").asText());
    assertEquals(13, badQuantity.get("line").asLong());
    assertEquals(4, report.deadLettered);
    assertEquals(4 + 4 + 7 + 12, report.read);
    assertEquals(8, report.written);

    // The JDBC sink holds the same rows: an independent SQL check of two of them.
    try (Connection c = JdbcUrls.connect(o.getJdbcUrl()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT account_id, total_late_invoices, late_amount, company_address "
            + "FROM invoices_late_payment WHERE as_of = DATE '2024-06-30' ORDER BY account_id")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getDouble(3) + "|" + rs.getString(4));
      }
      assertEquals(List.of("1|1|29.0|12 High Street Unit 4 Leeds", "2|1|40.95|7 Mill Road, York",
          "3|0|0.0|1 Station Road Hull", "4|0|0.0|9 Church Lane, Bath"), rows);
    }
  }

  @Test
  void rerunOfTheSameDayReplacesAndOtherDaysStay() throws Exception {
    Path lake = dir.resolve("lake");
    InvoicesOptions first = options(lake, "r1", "--sinkJdbc=true");
    new StepExecutor(first, System.err).run(new RunInvoices(first));
    InvoicesOptions again = options(lake, "r2", "--sinkJdbc=true");
    new StepExecutor(again, System.err).run(new RunInvoices(again));
    InvoicesOptions otherDay = options(lake, "r3", "--sinkJdbc=true", "--asOf=2024-07-31");
    new StepExecutor(otherDay, System.err).run(new RunInvoices(otherDay));

    assertEquals(4, day(lake, "invoices.late_payment", "2024-06-30").size());
    assertEquals(4, day(lake, "invoices.late_payment", "2024-07-31").size());
    assertEquals(LATE_PAYMENT_CSV, csv(lake.resolve("exports/invoices_late_payment/as_of=2024-06-30/late_payment.csv")));
    assertEquals(List.of("2024-06-30", "2024-07-31"), LakeTableRows.read(lake, "invoices.late_payment").stream()
        .map(r -> r.get("as_of")).distinct().sorted().collect(Collectors.toList()), "one partition per day");
    try (Connection c = JdbcUrls.connect(first.getJdbcUrl()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT as_of, COUNT(*) FROM invoices_late_payment GROUP BY as_of ORDER BY as_of")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + "=" + rs.getLong(2));
      }
      assertEquals(List.of("2024-06-30=4", "2024-07-31=4"), rows);
    }
  }

  @Test
  void missingColumnsAreNamedBeforeAnythingRuns() throws Exception {
    Path source = dir.resolve("src");
    Files.createDirectories(source);
    for (String t : List.of("accounts", "invoices", "invoice_line_items", "skus")) {
      Files.copy(SAMPLE.resolve(t + ".csv"), source.resolve(t + ".csv"));
    }
    Files.writeString(source.resolve("skus.csv"), "item_id,name,item_cost_price\n0-1,x,1\n");
    Path lake = dir.resolve("lake");
    InvoicesOptions o = options(lake, "bad", "--source=" + source);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunInvoices(o)
        .expand(org.apache.beam.sdk.Pipeline.create(o)));
    assertTrue(e.getMessage().contains("skus.csv lacks column(s) item_name, item_description, item_retail_price"),
        e.getMessage());
    assertFalse(Files.exists(lake.resolve("warehouse/invoices")));
  }
}
