package io.tributary.schemas;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;

/**
 * The invoices pipeline's tables: the four source tables of the seed (accounts, invoices,
 * invoice_line_items, skus), the two outputs (late_payment, product_mix) and the intermediate rows
 * the batch and the streaming paths share. Dates are Beam DATE (a {@code java.time.LocalDate});
 * money in intermediate rows is DECIMAL so sums are exact whatever order a runner adds them in.
 */
public final class InvoiceSchemas {
  private InvoiceSchemas() {}

  public static final FieldType DATE = FieldType.logicalType(SqlTypes.DATE);

  public static final Schema ACCOUNT = Schema.builder()
      .addInt64Field("account_id")
      .addStringField("company_name")
      .addNullableField("company_address", FieldType.STRING)
      .addNullableField("contact_person", FieldType.STRING)
      .addNullableField("contact_phone", FieldType.STRING)
      .addNullableField("gender", FieldType.STRING)
      .addNullableField("joining_date", DATE)
      .build();

  public static final Schema INVOICE = Schema.builder()
      .addInt64Field("invoice_id")
      .addInt64Field("account_id")
      .addField("date_issued", DATE)
      .build();

  public static final Schema LINE_ITEM = Schema.builder()
      .addInt64Field("invoice_id")
      .addStringField("item_id")
      .addInt64Field("quantity")
      .build();

  public static final Schema SKU = Schema.builder()
      .addStringField("item_id")
      .addStringField("item_name")
      .addNullableField("item_description", FieldType.STRING)
      .addDoubleField("item_cost_price")
      .addDoubleField("item_retail_price")
      .build();

  /** A line item joined to its sku: what an invoice needs of it. */
  public static final Schema PRICED_LINE = Schema.builder()
      .addInt64Field("invoice_id")
      .addStringField("item_id")
      .addInt64Field("quantity")
      .addStringField("item_name")
      .addDecimalField("amount")
      .build();

  /** An invoice with its priced lines folded in: what an account needs of it. */
  public static final Schema INVOICE_SUMMARY = Schema.builder()
      .addInt64Field("invoice_id")
      .addInt64Field("account_id")
      .addField("date_issued", DATE)
      .addDecimalField("amount")
      .addArrayField("item_names", FieldType.STRING)
      .build();

  public static final Schema LATE_PAYMENT = Schema.builder()
      .addField("as_of", DATE)
      .addInt64Field("account_id")
      .addStringField("company_name")
      .addNullableField("contact_person", FieldType.STRING)
      .addNullableField("contact_phone", FieldType.STRING)
      .addNullableField("gender", FieldType.STRING)
      .addNullableField("joining_date", DATE)
      .addField(SqlColumns.longText("company_address", 1000, true))
      .addInt64Field("total_invoices")
      .addInt64Field("total_late_invoices")
      .addInt64Field("total_days_since_issue")
      .addDoubleField("late_amount")
      .build();

  public static final Schema PRODUCT_MIX = Schema.builder()
      .addField("as_of", DATE)
      .addInt64Field("account_id")
      .addStringField("company_name")
      .addField(SqlColumns.longText("sku_types_purchased", 10000, false))
      .build();
}
