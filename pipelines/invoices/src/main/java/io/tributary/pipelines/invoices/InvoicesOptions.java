package io.tributary.pipelines.invoices;

import io.tributary.core.step.LakeOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of the invoices pipeline, batch and streaming. */
public interface InvoicesOptions extends LakeOptions {
  @Description("Batch source: a folder with accounts.csv, invoices.csv, invoice_line_items.csv and skus.csv "
      + "(local or s3://), or 'jdbc' for the four tables of --sourceJdbcUrl")
  String getSource();

  void setSource(String source);

  @Description("JDBC URL of the source tables for --source=jdbc (default: --jdbcUrl)")
  String getSourceJdbcUrl();

  void setSourceJdbcUrl(String url);

  @Description("Day the outputs are computed for, yyyy-MM-dd (default: today, UTC)")
  String getAsOf();

  void setAsOf(String asOf);

  @Description("Days after issue an invoice may stay unpaid; one more day and it is late")
  @Default.Integer(30)
  int getPaymentTermDays();

  void setPaymentTermDays(int days);

  @Description("Also write the outputs to JDBC tables (batch: invoices_late_payment/_product_mix, one as_of "
      + "replaced per run; stream: ..._current, upserted by account_id)")
  @Default.Boolean(false)
  boolean getSinkJdbc();

  void setSinkJdbc(boolean sinkJdbc);

  @Description("Kafka bootstrap servers of the CDC topics (stream, cdc-replay)")
  @Default.String("127.0.0.1:9092")
  String getBootstrapServers();

  void setBootstrapServers(String servers);

  @Description("CDC topics are <prefix>.accounts, <prefix>.invoices, <prefix>.invoice_line_items, <prefix>.skus; "
      + "outputs go to <prefix>.late_payment and <prefix>.product_mix")
  @Default.String("invoices")
  String getTopicPrefix();

  void setTopicPrefix(String prefix);

  @Description("Kafka consumer group of the stream (its offsets are committed with each checkpoint)")
  @Default.String("tributary-invoices")
  String getConsumerGroup();

  void setConsumerGroup(String group);
}
