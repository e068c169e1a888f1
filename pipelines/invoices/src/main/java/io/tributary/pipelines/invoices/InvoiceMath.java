package io.tributary.pipelines.invoices;

import io.tributary.schemas.InvoiceSchemas;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.values.Row;

/**
 * The business rules, as plain functions of one key's rows. The batch join and the streaming
 * state machines both call these and nothing else, which is what makes the two paths agree.
 *
 * <ul>
 *   <li>a line's amount is quantity x item_retail_price, exactly (decimal);
 *   <li>an invoice counts for an as-of day when issued on or before it; it is late when more than
 *       the payment term (30 days by default) has passed: 30 days is on time, 31 is late;
 *   <li>late_amount sums the amounts of the late invoices (the seed computed totals but never used them);
 *   <li>the product mix is the distinct item names of the counted invoices, sorted, joined by ','.
 * </ul>
 */
public final class InvoiceMath {
  private InvoiceMath() {}

  /** A line item joined to its sku. */
  public static Row pricedLine(Row line, Row sku) {
    BigDecimal amount = BigDecimal.valueOf(sku.getDouble("item_retail_price"))
        .multiply(BigDecimal.valueOf(line.getInt64("quantity")));
    return Row.withSchema(InvoiceSchemas.PRICED_LINE)
        .addValues(line.getInt64("invoice_id"), line.getString("item_id"), line.getInt64("quantity"),
            sku.getString("item_name"), amount)
        .build();
  }

  /** An invoice and its priced lines folded into what the account needs: total and item names. */
  public static Row summary(Row invoice, Iterable<Row> pricedLines) {
    BigDecimal amount = BigDecimal.ZERO;
    TreeSet<String> names = new TreeSet<>();
    for (Row line : pricedLines) {
      amount = amount.add(line.getDecimal("amount"));
      names.add(line.getString("item_name"));
    }
    return Row.withSchema(InvoiceSchemas.INVOICE_SUMMARY)
        .addValues(invoice.getInt64("invoice_id"), invoice.getInt64("account_id"),
            invoice.getLogicalTypeValue("date_issued", LocalDate.class), amount, new ArrayList<>(names))
        .build();
  }

  public static long daysSinceIssue(LocalDate issued, LocalDate asOf) {
    return ChronoUnit.DAYS.between(issued, asOf);
  }

  public static boolean counts(Row summary, LocalDate asOf) {
    return !summary.getLogicalTypeValue("date_issued", LocalDate.class).isAfter(asOf);
  }

  public static boolean isLate(long daysSinceIssue, int paymentTermDays) {
    return daysSinceIssue > paymentTermDays;
  }

  /** Line breaks (and the spaces around them) folded to one space. */
  public static String foldAddress(String address) {
    return address == null ? null : address.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  public static Row latePayment(Row account, Iterable<Row> summaries, LocalDate asOf, int paymentTermDays) {
    long invoices = 0;
    long late = 0;
    long days = 0;
    BigDecimal lateAmount = BigDecimal.ZERO;
    for (Row s : summaries) {
      if (!counts(s, asOf)) {
        continue;
      }
      long since = daysSinceIssue(s.getLogicalTypeValue("date_issued", LocalDate.class), asOf);
      invoices++;
      days += since;
      if (isLate(since, paymentTermDays)) {
        late++;
        lateAmount = lateAmount.add(s.getDecimal("amount"));
      }
    }
    return Row.withSchema(InvoiceSchemas.LATE_PAYMENT)
        .addValues(asOf, account.getInt64("account_id"), account.getString("company_name"),
            account.getString("contact_person"), account.getString("contact_phone"), account.getString("gender"),
            account.getLogicalTypeValue("joining_date", LocalDate.class),
            foldAddress(account.getString("company_address")), invoices, late, days, lateAmount.doubleValue())
        .build();
  }

  public static Row productMix(Row account, Iterable<Row> summaries, LocalDate asOf) {
    TreeSet<String> names = new TreeSet<>();
    for (Row s : summaries) {
      if (counts(s, asOf)) {
        List<String> items = new ArrayList<>(s.getArray("item_names"));
        names.addAll(items);
      }
    }
    return Row.withSchema(InvoiceSchemas.PRODUCT_MIX)
        .addValues(asOf, account.getInt64("account_id"), account.getString("company_name"), String.join(",", names))
        .build();
  }
}
