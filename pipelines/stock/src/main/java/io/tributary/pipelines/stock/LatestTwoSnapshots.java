package io.tributary.pipelines.stock;

import io.tributary.schemas.StockSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Per (supplier, custom_label), the latest two supplier_stock snapshots on or before a day:
 * quantity = the latest, quantity_delta = latest - previous (the latest itself when there is no
 * previous). The seed's intent; its SQL grouped by quantity and so emitted stale rows. Two rows of
 * one key on the same day (two part numbers sold under one label) count as one snapshot with the
 * larger quantity. A combiner keeps two (day, quantity) pairs per key, so it scales with the number
 * of labels, not of days.
 */
final class LatestTwoSnapshots extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final String SEP = "\u0001";
  private final LocalDate upTo;

  LatestTwoSnapshots(LocalDate upTo) {
    this.upTo = upTo;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> stock) {
    long last = upTo.toEpochDay();
    return stock
        .apply("UpToDay", Filter.by((Row r) -> r.getLogicalTypeValue("updated_date", LocalDate.class).toEpochDay() <= last))
        .apply("Key", WithKeys.of((Row r) -> r.getString("supplier") + SEP + r.getString("custom_label"))
            .withKeyType(TypeDescriptors.strings()))
        .apply("LatestTwo", Combine.perKey(new TopTwoFn()))
        .apply("ToRow", ParDo.of(new ToRowFn()))
        .setRowSchema(StockSchemas.LATEST_STOCK);
  }

  /** The latest and previous (day, quantity); day -1 = none. */
  static final class TopTwo {
    long latestDay = -1;
    int latestQty;
    long previousDay = -1;
    int previousQty;

    TopTwo add(long day, int qty) {
      if (day == latestDay) {
        latestQty = Math.max(latestQty, qty);
      } else if (day > latestDay) {
        previousDay = latestDay;
        previousQty = latestQty;
        latestDay = day;
        latestQty = qty;
      } else if (day == previousDay) {
        previousQty = Math.max(previousQty, qty);
      } else if (day > previousDay) {
        previousDay = day;
        previousQty = qty;
      }
      return this;
    }

    int delta() {
      return previousDay < 0 ? latestQty : latestQty - previousQty;
    }
  }

  static final class TopTwoFn extends Combine.CombineFn<Row, TopTwo, TopTwo> {
    @Override
    public TopTwo createAccumulator() {
      return new TopTwo();
    }

    @Override
    public TopTwo addInput(TopTwo acc, Row row) {
      return acc.add(row.getLogicalTypeValue("updated_date", LocalDate.class).toEpochDay(), row.getInt32("quantity"));
    }

    @Override
    public TopTwo mergeAccumulators(Iterable<TopTwo> accs) {
      TopTwo merged = new TopTwo();
      for (TopTwo a : accs) {
        if (a.latestDay >= 0) {
          merged.add(a.latestDay, a.latestQty);
        }
        if (a.previousDay >= 0) {
          merged.add(a.previousDay, a.previousQty);
        }
      }
      return merged;
    }

    @Override
    public TopTwo extractOutput(TopTwo acc) {
      return acc;
    }

    @Override
    public Coder<TopTwo> getAccumulatorCoder(CoderRegistry registry, Coder<Row> input) {
      return new TopTwoCoder();
    }

    @Override
    public Coder<TopTwo> getDefaultOutputCoder(CoderRegistry registry, Coder<Row> input) {
      return new TopTwoCoder();
    }
  }

  static final class TopTwoCoder extends AtomicCoder<TopTwo> {
    @Override
    public void encode(TopTwo t, OutputStream out) throws IOException {
      VarLongCoder.of().encode(t.latestDay + 1, out);
      VarIntCoder.of().encode(t.latestQty, out);
      VarLongCoder.of().encode(t.previousDay + 1, out);
      VarIntCoder.of().encode(t.previousQty, out);
    }

    @Override
    public TopTwo decode(InputStream in) throws IOException {
      TopTwo t = new TopTwo();
      t.latestDay = VarLongCoder.of().decode(in) - 1;
      t.latestQty = VarIntCoder.of().decode(in);
      t.previousDay = VarLongCoder.of().decode(in) - 1;
      t.previousQty = VarIntCoder.of().decode(in);
      return t;
    }
  }

  private static final class ToRowFn extends DoFn<KV<String, TopTwo>, Row> {
    @ProcessElement
    public void process(@Element KV<String, TopTwo> e, OutputReceiver<Row> out) {
      int sep = e.getKey().indexOf(SEP);
      TopTwo t = e.getValue();
      out.output(Row.withSchema(StockSchemas.LATEST_STOCK).addValues(e.getKey().substring(0, sep),
          e.getKey().substring(sep + 1), t.latestQty, t.delta(), LocalDate.ofEpochDay(t.latestDay)).build());
    }
  }
}
