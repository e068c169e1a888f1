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
}
