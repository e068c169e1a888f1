package io.tributary.pipelines.invoices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.schemas.InvoiceSchemas;
import io.tributary.transforms.deadletter.RowRejected;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class InvoiceMathTest {
  static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);

  static Row account(long id) {
    return InvoiceTable.ACCOUNTS.parse(Arrays.asList(String.valueOf(id), "Co " + id, "1 Road\r\n  Unit 2 \nTown",
        "P", "0", "F", "6/11/2018"));
  }

  static Row summary(long invoice, String issued, String amount, String... items) {
    return Row.withSchema(InvoiceSchemas.INVOICE_SUMMARY)
        .addValues(invoice, 1L, LocalDate.parse(issued), new BigDecimal(amount), List.of(items)).build();
  }

  @Test
  void thirtyDaysIsOnTimeThirtyOneIsLate() {
    assertEquals(30, InvoiceMath.daysSinceIssue(LocalDate.of(2024, 5, 31), AS_OF));
    assertFalse(InvoiceMath.isLate(30, 30));
    assertTrue(InvoiceMath.isLate(31, 30));
    // 2024 is a leap year: 15 January to 30 June is 16 + 29 + 31 + 30 + 31 + 30 days.
    assertEquals(167, InvoiceMath.daysSinceIssue(LocalDate.of(2024, 1, 15), AS_OF));
  }

  @Test
  void latePaymentCountsOnlyInvoicesIssuedUpToAsOfAndSumsLateAmounts() {
    Row row = InvoiceMath.latePayment(account(1), List.of(
        summary(1, "2024-05-31", "45.47", "a"),   // 30 days: on time
        summary(2, "2024-05-30", "29.00", "b"),   // 31 days: late
        summary(3, "2024-01-15", "0.10", "c"),    // 167 days: late
        summary(4, "2024-07-01", "99", "d")),     // after as-of: not counted
        AS_OF, 30);
    assertEquals(3L, row.getInt64("total_invoices"));
    assertEquals(2L, row.getInt64("total_late_invoices"));
    assertEquals(30L + 31 + 167, row.getInt64("total_days_since_issue"));
    assertEquals(29.10, row.getDouble("late_amount"), 0.0);
    assertEquals(LocalDate.of(2018, 11, 6), row.getLogicalTypeValue("joining_date", LocalDate.class));
    assertEquals("1 Road Unit 2 Town", row.getString("company_address"));
    assertEquals(AS_OF, row.getLogicalTypeValue("as_of", LocalDate.class));
  }

  @Test
  void accountWithoutInvoicesHasZeros() {
    Row row = InvoiceMath.latePayment(account(4), List.of(), AS_OF, 30);
    assertEquals(0L, row.getInt64("total_invoices"));
    assertEquals(0.0, row.getDouble("late_amount"), 0.0);
    assertEquals("", InvoiceMath.productMix(account(4), List.of(), AS_OF).getString("sku_types_purchased"));
  }

  @Test
  void productMixIsDistinctSortedAndCommaJoined() {
    Row mix = InvoiceMath.productMix(account(1), List.of(
        summary(1, "2024-05-31", "1", "Spark plug", "Brake pads"),
        summary(2, "2024-06-01", "1", "Brake pads", "Oil filter"),
        summary(3, "2024-07-01", "1", "Wiper blade")), AS_OF);
    assertEquals("Brake pads,Oil filter,Spark plug", mix.getString("sku_types_purchased"));
  }

  @Test
  void amountsAreExactDecimals() {
    Row sku = InvoiceTable.SKUS.parse(Arrays.asList("0-1", "Oil filter", "", "3.1", "5.49"));
    Row line = InvoiceTable.LINE_ITEMS.parse(Arrays.asList("7", "0-1", "3"));
    assertEquals(new BigDecimal("16.47"), InvoiceMath.pricedLine(line, sku).getDecimal("amount"));
    assertNull(sku.getString("item_description"));
  }

  @Test
  void parserRejectsWithReasons() {
    assertEquals("bad quantity 'x': expected a whole number", assertThrows(RowRejected.class,
        () -> InvoiceTable.LINE_ITEMS.parse(Arrays.asList("1", "a", "x"))).getMessage());
    assertEquals("missing item_id", assertThrows(RowRejected.class,
        () -> InvoiceTable.LINE_ITEMS.parse(Arrays.asList("1", " ", "2"))).getMessage());
    assertTrue(assertThrows(RowRejected.class,
        () -> InvoiceTable.INVOICES.parse(Arrays.asList("1", "2", "2024-02-30"))).getMessage()
        .startsWith("bad date_issued '2024-02-30'"));
    assertEquals(LocalDate.of(2018, 11, 6), InvoiceTable.date("joining_date", "06/11/2018", InvoiceTable.Values.FILE));
  }

  /** One format per column and source, one valid range: issue 9's lenient and impossible dates. */
  @Test
  void eachDateColumnHasOneFormatAndARange() {
    assertEquals("bad date_issued '31/05/2024': expected yyyy-MM-dd", assertThrows(RowRejected.class,
        () -> InvoiceTable.INVOICES.parse(Arrays.asList("1", "2", "31/05/2024"))).getMessage());
    assertEquals("bad joining_date '2018-11-06': expected d/M/yyyy", assertThrows(RowRejected.class,
        () -> InvoiceTable.date("joining_date", "2018-11-06", InvoiceTable.Values.FILE)).getMessage());
    assertEquals(LocalDate.of(2018, 11, 6), InvoiceTable.date("joining_date", "2018-11-06", InvoiceTable.Values.TYPED));
    assertEquals("bad joining_date '06/11/2018': expected yyyy-MM-dd", assertThrows(RowRejected.class,
        () -> InvoiceTable.date("joining_date", "06/11/2018", InvoiceTable.Values.TYPED)).getMessage());
    for (String day : new String[] {"0001-01-01", "1969-12-31", "2101-01-01"}) {
      assertEquals("date_issued " + day + " is outside the valid range 1970-01-01..2100-12-31",
          assertThrows(RowRejected.class, () -> InvoiceTable.INVOICES.parse(Arrays.asList("1", "2", day))).getMessage());
    }
    assertEquals("date_issued +10000-01-01 is outside the valid range 1970-01-01..2100-12-31", assertThrows(RowRejected.class,
        () -> InvoiceTable.INVOICES.parse(Arrays.asList("1", "2", "+10000-01-01"))).getMessage());
  }

  /** One text form of numbers: no sign '+', no non-ASCII digits, no type suffix, hex, NaN or Infinity. */
  @Test
  void numbersHaveOneForm() {
    for (String bad : new String[] {"+2", "\u0663", "2.", ".5", "1e3", "0x1p3"}) {
      assertTrue(assertThrows(RowRejected.class, () -> InvoiceTable.LINE_ITEMS.parse(Arrays.asList("1", "a", bad)))
          .getMessage().startsWith("bad quantity"), bad);
    }
    for (String bad : new String[] {"19.99d", "NaN", "Infinity", "1,000.00", "0x1p3"}) {
      assertTrue(assertThrows(RowRejected.class,
          () -> InvoiceTable.SKUS.parse(Arrays.asList("s", "n", "d", "1.00", bad))).getMessage()
          .startsWith("bad item_retail_price"), bad);
    }
    assertEquals(3L, InvoiceTable.LINE_ITEMS.parse(Arrays.asList("1", "a", "3")).getInt64("quantity"));
    assertEquals(19.5, InvoiceTable.SKUS.parse(Arrays.asList("s", "n", "d", "1.00", "19.50")).getDouble("item_retail_price"));
  }
}
