package io.tributary.pipelines.invoices;

import io.tributary.core.table.TableSpec;
import io.tributary.schemas.DeadLetterSchema;
import io.tributary.schemas.InvoiceSchemas;

/**
 * The invoices pipeline's lake tables, namespace {@code invoices}: the two reports by as-of day,
 * the four source tables as each run read them (a snapshot per run: the data as of any time, as the
 * seed asks), and the dead letters.
 */
public final class InvoicesTables {
  private InvoicesTables() {}

  public static final TableSpec LATE_PAYMENT =
      TableSpec.of("invoices.late_payment", InvoiceSchemas.LATE_PAYMENT).identity("as_of");
  public static final TableSpec PRODUCT_MIX =
      TableSpec.of("invoices.product_mix", InvoiceSchemas.PRODUCT_MIX).identity("as_of");
  public static final TableSpec DEAD_LETTERS = TableSpec.of("invoices.dead_letters", DeadLetterSchema.TABLE).day("day");

  /** The landed copy of a source table: {@code invoices.accounts}, {@code .invoices}, ... */
  public static TableSpec source(InvoiceTable table) {
    return TableSpec.of("invoices." + table.table, table.schema);
  }

  public static final String LATE_PAYMENT_EXPORT = "invoices_late_payment";
  public static final String PRODUCT_MIX_EXPORT = "invoices_product_mix";

  /** The CSV export of {@code export} for one as-of day: {@code <lake>/exports/invoices_late_payment/as_of=D}. */
  public static String exportFolder(String lakeRoot, String export, java.time.LocalDate asOf) {
    return lakeRoot + "/exports/" + export + "/" + io.tributary.transforms.lake.PartitionPath.segment("as_of", asOf.toString());
  }

  /** {@code late_payment.csv} for {@code invoices_late_payment}. */
  public static String exportFile(String export) {
    return export.substring("invoices_".length()) + ".csv";
  }
}
