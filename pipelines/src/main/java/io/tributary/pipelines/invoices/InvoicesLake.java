package io.tributary.pipelines.invoices;

import io.tributary.pipelines.Lake;
import io.tributary.transforms.lake.PartitionPath;
import java.time.LocalDate;

/** Where the invoices CSV exports live inside the lake; one folder per as-of day, older days kept. */
public final class InvoicesLake {
  public static final String LATE_PAYMENT = "invoices_late_payment";
  public static final String PRODUCT_MIX = "invoices_product_mix";

  public final String root;
  private final String partition;

  public InvoicesLake(InvoicesOptions options, LocalDate asOf) {
    this.root = Lake.root(options);
    this.partition = PartitionPath.segment("as_of", asOf.toString());
  }

  /** exports/invoices_late_payment/as_of=D/late_payment.csv */
  public String export(String table) {
    return root + "/exports/" + table + "/" + partition;
  }

  public static String exportFile(String table) {
    return table.substring("invoices_".length()) + ".csv";
  }

}
