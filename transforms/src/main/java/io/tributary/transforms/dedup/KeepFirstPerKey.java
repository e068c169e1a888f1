package io.tributary.transforms.dedup;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Keeps one element per dedup key: the smallest under {@code order} (for example the earliest
 * ingestion), ties broken by nothing else, so {@code order} must be total for a deterministic result.
 *
 * <p>Why buckets instead of {@code Distinct} or {@code Combine.perKey}: with millions of distinct
 * keys the DirectRunner processes each key as its own bundle and becomes unusable. Hashing keys into
 * a fixed number of buckets, grouping by bucket and deduplicating inside the bucket with a map runs
 * the same on every runner; memory per bucket is rows / buckets.
 */
public final class KeepFirstPerKey<T> extends PTransform<PCollection<T>, PCollection<T>> {
  public static final int DEFAULT_BUCKETS = 1024;

  private final SerializableFunction<T, String> keyFn;
  private final SerializableComparator<T> order;
  private final int buckets;

  private KeepFirstPerKey(SerializableFunction<T, String> keyFn, SerializableComparator<T> order, int buckets) {
    this.keyFn = keyFn;
    this.order = order;
    this.buckets = buckets;
  }

  public static <T> KeepFirstPerKey<T> of(SerializableFunction<T, String> keyFn, SerializableComparator<T> order) {
    return new KeepFirstPerKey<>(keyFn, order, DEFAULT_BUCKETS);
  }

  public KeepFirstPerKey<T> withBuckets(int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be >= 1, got " + buckets);
    }
    return new KeepFirstPerKey<>(keyFn, order, buckets);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    Coder<T> coder = input.getCoder();
    return input
        .apply("Bucket", ParDo.of(new BucketFn<>(keyFn, buckets)))
        .setCoder(KvCoder.of(VarIntCoder.of(), coder))
        .apply("GroupBucket", GroupByKey.create())
        .apply("KeepFirst", ParDo.of(new KeepFirstFn<>(keyFn, order)))
        .setCoder(coder);
  }

  private static final class BucketFn<T> extends DoFn<T, KV<Integer, T>> {
    private final SerializableFunction<T, String> keyFn;
    private final int buckets;

    BucketFn(SerializableFunction<T, String> keyFn, int buckets) {
      this.keyFn = keyFn;
      this.buckets = buckets;
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<KV<Integer, T>> out) {
      // String.hashCode is specified by the JLS, so the bucket is the same on every JVM and runner.
      out.output(KV.of(Math.floorMod(keyFn.apply(element).hashCode(), buckets), element));
    }
  }

  private static final class KeepFirstFn<T> extends DoFn<KV<Integer, Iterable<T>>, T> {
    private final SerializableFunction<T, String> keyFn;
    private final Comparator<T> order;

    KeepFirstFn(SerializableFunction<T, String> keyFn, Comparator<T> order) {
      this.keyFn = keyFn;
      this.order = order;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<T>> bucket, OutputReceiver<T> out) {
      Map<String, T> first = new HashMap<>();
      for (T element : bucket.getValue()) {
        first.merge(keyFn.apply(element), element, (a, b) -> order.compare(a, b) <= 0 ? a : b);
      }
      first.values().forEach(out::output);
    }
  }
}
