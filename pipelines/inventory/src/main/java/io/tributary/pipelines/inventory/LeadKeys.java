package io.tributary.pipelines.inventory;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The (day, listing_id) pairs the leads ask about, so that the lead check shuffles only the
 * snapshot rows a lead asks about instead of every listing of every checked day: at 1M listings a
 * snapshot day has about 900,000 rows and about 38,000 leads. The pairs travel as a side input of
 * 64-bit hashes (8 bytes a lead); a hash collision only lets one more snapshot row through to the
 * exact join after it, so it can cost a row of shuffle but never change an answer.
 */
final class LeadKeys {
  private LeadKeys() {}

  /** The hashes of {@code leads}' ({@code date}, {@code listing_id}) pairs, as a side input. */
  static PTransform<PCollection<Row>, PCollectionView<List<Long>>> asked() {
    return new PTransform<>("AskedKeys") {
      @Override
      public PCollectionView<List<Long>> expand(PCollection<Row> leads) {
        return leads
            .apply("KeyHash", MapElements.into(TypeDescriptors.longs())
                .via((Row l) -> hash(l.getLogicalTypeValue("date", LocalDate.class), l.getInt64("listing_id"))))
            .apply("AsSideInput", View.asList());
      }
    };
  }

  /** Keeps the rows whose ({@code dayField}, {@code listing_id}) pair is one of {@code asked}'s. */
  static ParDo.SingleOutput<Row, Row> keepAsked(PCollectionView<List<Long>> asked, String dayField) {
    return ParDo.of(new KeepAsked(asked, dayField)).withSideInputs(asked);
  }

  /** Mixes the day and the listing into 64 bits (MurmurHash3's finalizer over a linear mix). */
  static long hash(LocalDate day, long listingId) {
    long h = listingId * 0x9E3779B97F4A7C15L + day.toEpochDay();
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  private static final class KeepAsked extends DoFn<Row, Row> {
    private final PCollectionView<List<Long>> asked;
    private final String dayField;
    // Sorted once per DoFn instance and window (a batch run has one): a side input read per row
    // would scan the list each time.
    private transient long[] sorted;
    private transient BoundedWindow sortedFor;

    KeepAsked(PCollectionView<List<Long>> asked, String dayField) {
      this.asked = asked;
      this.dayField = dayField;
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window) {
      if (sorted == null || !window.equals(sortedFor)) {
        List<Long> hashes = c.sideInput(asked);
        long[] all = new long[hashes.size()];
        int i = 0;
        for (Long h : hashes) {
          all[i++] = h;
        }
        Arrays.sort(all);
        sorted = all;
        sortedFor = window;
      }
      Row row = c.element();
      if (Arrays.binarySearch(sorted, hash(row.getLogicalTypeValue(dayField, LocalDate.class), row.getInt64("listing_id"))) >= 0) {
        c.output(row);
      }
    }
  }
}
