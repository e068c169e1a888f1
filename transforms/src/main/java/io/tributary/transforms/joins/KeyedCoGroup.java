package io.tributary.transforms.joins;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.transforms.io.WriteCsv;
import io.tributary.transforms.metrics.StepMetrics;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The one keyed co-group of the project: two row collections ({@link #LEFT}, {@link #RIGHT}) keyed
 * by a string each, grouped, and a {@link Resolver} decides per key what comes out: values on the
 * success tag, rejected rows as dead letters on the failure tag (never dropped), and, where a join
 * needs them, values on extra tags. The joins ({@link JoinParentChildren}, {@link LookupJoin}), the
 * key upsert, the eBay join and the RTG inversion are resolvers over it.
 *
 * <p>A resolver that throws is a bug, not a bad row: every row of that key becomes a dead letter
 * carrying the exception's class and a short stack, and nothing the resolver had emitted for the
 * key is kept (outputs are buffered per key), so a key is either resolved or wholly rejected.
 * Where one side is stored data that must not be lost (an upsert's stored rows), {@link
 * Builder#failOnResolverError} makes the run fail instead (and so commit nothing).
 *
 * <p>Built like DataflowTemplates' failsafe transforms: explicit success and failure tags.
 * <pre>{@code
 * KeyedCoGroup<Row> join = KeyedCoGroup.<Row>builder("ebay")
 *     .leftKey(r -> r.getString("custom_label")).rightKey(r -> r.getString("custom_label"))
 *     .resolver(new PerListing()).successTag(EBAY).successSchema(StockSchemas.EBAY).failureTag(DEAD)
 *     .build();
 * PCollectionTuple out = PCollectionTuple.of(KeyedCoGroup.LEFT, stock).and(KeyedCoGroup.RIGHT, store).apply(join);
 * }</pre>
 */
public final class KeyedCoGroup<T> extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<Row> LEFT = new TupleTag<Row>() {};
  public static final TupleTag<Row> RIGHT = new TupleTag<Row>() {};

  /** What one key's rows become. */
  @FunctionalInterface
  public interface Resolver<T> extends Serializable {
    void resolve(String key, List<Row> left, Iterable<Row> right, Outcome<T> out);
  }

  /** Where a resolver sends what it decided for one key. */
  public interface Outcome<T> {
    void output(T value);

    /** A value on one of the builder's {@code additionalOutput} tags. */
    <X> void output(TupleTag<X> tag, X value);

    /** {@code row} rejected: a dead letter from {@code source} (line may be null) with its values as the original. */
    void reject(String source, Long line, Row row, String reason);

    /** As above; a row with {@code source} and {@code line} fields (a feed row) is located by them, others by {@code table}. */
    default void reject(String table, Row row, String reason) {
      boolean located = row.getSchema().hasField("source") && row.getSchema().hasField("line");
      reject(located ? row.getString("source") : table, located ? row.getInt64("line") : null, row, reason);
    }

    <V> V sideInput(PCollectionView<V> view);
  }

  private final Builder<T> spec;

  private KeyedCoGroup(Builder<T> spec) {
    super(spec.step + "-cogroup");
    this.spec = spec;
  }

  public static <T> Builder<T> builder(String step) {
    return new Builder<>(step);
  }

  /**
   * The joins' shape: each success value a left row with its right rows; {@code input} gives the
   * two sides' schemas.
   */
  public static KeyedCoGroup<KV<Row, List<Row>>> rowWithRows(String step, PCollectionTuple input,
      SerializableFunction<Row, String> leftKey, SerializableFunction<Row, String> rightKey,
      Resolver<KV<Row, List<Row>>> resolver, TupleTag<KV<Row, List<Row>>> joined, TupleTag<Row> failures) {
    return KeyedCoGroup.<KV<Row, List<Row>>>builder(step)
        .leftKey(leftKey).rightKey(rightKey).resolver(resolver)
        .successTag(joined)
        .successCoder(KvCoder.of(RowCoder.of(input.get(LEFT).getSchema()), ListCoder.of(RowCoder.of(input.get(RIGHT).getSchema()))))
        .failureTag(failures)
        .build();
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    TupleTag<Row> l = new TupleTag<>();
    TupleTag<Row> r = new TupleTag<>();
    TupleTagList others = TupleTagList.of(spec.failureTag);
    for (TupleTag<?> extra : spec.additional.keySet()) {
      others = others.and(extra);
    }
    PCollectionTuple out = KeyedPCollectionTuple
        .of(l, input.get(LEFT).apply("KeyLeft", WithKeys.of(spec.leftKey).withKeyType(TypeDescriptors.strings())))
        .and(r, input.get(RIGHT).apply("KeyRight", WithKeys.of(spec.rightKey).withKeyType(TypeDescriptors.strings())))
        .apply("CoGroup", CoGroupByKey.create())
        .apply("Resolve", ParDo.of(new ResolveFn<>(spec, l, r))
            .withSideInputs(spec.sideInputs).withOutputTags(spec.successTag, others));
    out.get(spec.successTag).setCoder(spec.successCoder);
    out.get(spec.failureTag).setRowSchema(DeadLetterSchema.DEAD_LETTER);
    for (Map.Entry<TupleTag<?>, Coder<?>> extra : spec.additional.entrySet()) {
      setCoder(out, extra.getKey(), extra.getValue());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <X> void setCoder(PCollectionTuple out, TupleTag<X> tag, Coder<?> coder) {
    out.get(tag).setCoder((Coder<X>) coder);
  }

  /** Explicit tags and coders; every field but side inputs and additional outputs is required. */
  public static final class Builder<T> {
    private final String step;
    private SerializableFunction<Row, String> leftKey;
    private SerializableFunction<Row, String> rightKey;
    private Resolver<T> resolver;
    private TupleTag<T> successTag;
    private Coder<T> successCoder;
    private TupleTag<Row> failureTag;
    private final Map<TupleTag<?>, Coder<?>> additional = new LinkedHashMap<>();
    private final List<PCollectionView<?>> sideInputs = new ArrayList<>();
    private boolean failOnError;

    private Builder(String step) {
      this.step = Objects.requireNonNull(step, "step");
    }

    public Builder<T> leftKey(SerializableFunction<Row, String> key) {
      this.leftKey = key;
      return this;
    }

    public Builder<T> rightKey(SerializableFunction<Row, String> key) {
      this.rightKey = key;
      return this;
    }

    public Builder<T> resolver(Resolver<T> resolver) {
      this.resolver = resolver;
      return this;
    }

    public Builder<T> successTag(TupleTag<T> tag) {
      this.successTag = tag;
      return this;
    }

    public Builder<T> successCoder(Coder<T> coder) {
      this.successCoder = coder;
      return this;
    }

    /** For a {@code KeyedCoGroup<Row>}: the success rows' schema. */
    @SuppressWarnings("unchecked")
    public Builder<T> successSchema(Schema schema) {
      this.successCoder = (Coder<T>) RowCoder.of(schema);
      return this;
    }

    public Builder<T> failureTag(TupleTag<Row> tag) {
      this.failureTag = tag;
      return this;
    }

    public <X> Builder<T> additionalOutput(TupleTag<X> tag, Coder<X> coder) {
      additional.put(tag, coder);
      return this;
    }

    public Builder<T> sideInput(PCollectionView<?> view) {
      sideInputs.add(view);
      return this;
    }

    /** A resolver that throws fails the bundle (and the run) instead of dead-lettering the key's rows. */
    public Builder<T> failOnResolverError() {
      this.failOnError = true;
      return this;
    }

    public KeyedCoGroup<T> build() {
      Objects.requireNonNull(leftKey, "leftKey");
      Objects.requireNonNull(rightKey, "rightKey");
      Objects.requireNonNull(resolver, "resolver");
      Objects.requireNonNull(successTag, "successTag");
      Objects.requireNonNull(successCoder, "successCoder (or successSchema)");
      Objects.requireNonNull(failureTag, "failureTag");
      return new KeyedCoGroup<>(this);
    }
  }

  private static final class ResolveFn<T> extends DoFn<KV<String, CoGbkResult>, T> {
    private final String step;
    private final Resolver<T> resolver;
    private final TupleTag<T> successTag;
    private final TupleTag<Row> failureTag;
    private final TupleTag<Row> l;
    private final TupleTag<Row> r;
    private final StepMetrics metrics;
    private final boolean failOnError;

    ResolveFn(Builder<T> spec, TupleTag<Row> l, TupleTag<Row> r) {
      this.step = spec.step;
      this.resolver = spec.resolver;
      this.successTag = spec.successTag;
      this.failureTag = spec.failureTag;
      this.l = l;
      this.r = r;
      this.metrics = StepMetrics.of(step);
      this.failOnError = spec.failOnError;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, ProcessContext c) {
      List<Row> left = new ArrayList<>();
      group.getValue().getAll(l).forEach(left::add);
      Iterable<Row> right = group.getValue().getAll(r);
      Buffer<T> buffer = new Buffer<>(step, c);
      try {
        resolver.resolve(group.getKey(), left, right, buffer);
      } catch (RuntimeException e) {
        if (failOnError) {
          throw e;
        }
        // A bug in the resolver: the whole key is rejected, with what threw and where.
        List<Row> failed = new ArrayList<>();
        String reason = "unexpected " + e.getClass().getSimpleName() + " joining key '" + group.getKey() + "': "
            + e.getMessage();
        for (Row row : left) {
          failed.add(DeadLetterSchema.of(step, "left", null, WriteCsv.line(row), reason, e));
        }
        for (Row row : right) {
          failed.add(DeadLetterSchema.of(step, "right", null, WriteCsv.line(row), reason, e));
        }
        failed.forEach(row -> c.output(failureTag, row));
        metrics.deadLettered().inc(failed.size());
        return;
      }
      buffer.values.forEach(c::output);
      for (KV<TupleTag<Object>, Object> extra : buffer.extras) {
        c.output(extra.getKey(), extra.getValue());
      }
      buffer.rejected.forEach(row -> c.output(failureTag, row));
      metrics.deadLettered().inc(buffer.rejected.size());
    }
  }

  /** One key's outcome, emitted only when the resolver returned. */
  private static final class Buffer<T> implements Outcome<T> {
    private final String step;
    private final DoFn<KV<String, CoGbkResult>, T>.ProcessContext context;
    final List<T> values = new ArrayList<>();
    final List<KV<TupleTag<Object>, Object>> extras = new ArrayList<>();
    final List<Row> rejected = new ArrayList<>();

    Buffer(String step, DoFn<KV<String, CoGbkResult>, T>.ProcessContext context) {
      this.step = step;
      this.context = context;
    }

    @Override
    public void output(T value) {
      values.add(value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <X> void output(TupleTag<X> tag, X value) {
      extras.add(KV.of((TupleTag<Object>) tag, value));
    }

    @Override
    public void reject(String source, Long line, Row row, String reason) {
      rejected.add(DeadLetterSchema.of(step, source, line, WriteCsv.line(row), reason));
    }

    @Override
    public <V> V sideInput(PCollectionView<V> view) {
      return context.sideInput(view);
    }
  }
}
