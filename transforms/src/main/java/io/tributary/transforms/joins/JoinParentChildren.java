package io.tributary.transforms.joins;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.transforms.metrics.StepMetrics;
import java.util.ArrayList;
import java.util.List;
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
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * A one-to-many join that enforces referential integrity instead of dropping rows: every parent
 * comes out once with the list of its children (empty when it has none, as a left join), a child
 * whose parent is unknown goes to {@link #DEAD_LETTERS}, and so does every copy of a parent key that
 * appears more than once, with its children (which parent would they belong to?).
 *
 * <p>Input: a tuple with {@link #PARENTS} and {@link #CHILDREN}; keys are strings taken by the
 * given functions.
 */
public final class JoinParentChildren extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<Row> PARENTS = new TupleTag<Row>() {};
  public static final TupleTag<Row> CHILDREN = new TupleTag<Row>() {};
  public static final TupleTag<KV<Row, List<Row>>> JOINED = new TupleTag<KV<Row, List<Row>>>() {};
  public static final TupleTag<Row> DEAD_LETTERS = new TupleTag<Row>() {};

  private final String step;
  private final String parentName;
  private final SerializableFunction<Row, String> parentKey;
  private final String childName;
  private final SerializableFunction<Row, String> childKey;

  private JoinParentChildren(String step, String parentName, SerializableFunction<Row, String> parentKey,
      String childName, SerializableFunction<Row, String> childKey) {
    this.step = step;
    this.parentName = parentName;
    this.parentKey = parentKey;
    this.childName = childName;
    this.childKey = childKey;
  }

  /**
   * @param step metrics namespace and dead letters' step
   * @param parentName table of the parents, as dead letters name it ("sku")
   * @param childName table of the children ("invoice_line_items")
   */
  public static JoinParentChildren of(String step, String parentName, SerializableFunction<Row, String> parentKey,
      String childName, SerializableFunction<Row, String> childKey) {
    return new JoinParentChildren(step, parentName, parentKey, childName, childKey);
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollection<Row> parents = input.get(PARENTS);
    PCollection<Row> children = input.get(CHILDREN);
    Schema parentSchema = parents.getSchema();
    Schema childSchema = children.getSchema();
    TupleTag<Row> p = new TupleTag<>();
    TupleTag<Row> c = new TupleTag<>();
    PCollectionTuple out = KeyedPCollectionTuple
        .of(p, parents.apply("KeyParents", WithKeys.of(parentKey).withKeyType(TypeDescriptors.strings())))
        .and(c, children.apply("KeyChildren", WithKeys.of(childKey).withKeyType(TypeDescriptors.strings())))
        .apply("CoGroup", CoGroupByKey.create())
        .apply("Check", ParDo.of(new CheckFn(step, parentName, childName, p, c))
            .withOutputTags(JOINED, TupleTagList.of(DEAD_LETTERS)));
    out.get(JOINED).setCoder(KvCoder.of(RowCoder.of(parentSchema), ListCoder.of(RowCoder.of(childSchema))));
    out.get(DEAD_LETTERS).setRowSchema(DeadLetterSchema.DEAD_LETTER);
    return out;
  }

  /**
   * Rows whose key appears once pass; every copy of a repeated key goes to {@link #DEAD_LETTERS}
   * ("product 'BET|P1' appears 2 times"): the parent check of this join with no children.
   * Output tuple: {@link #PARENTS} (the unique rows) and {@link #DEAD_LETTERS}.
   */
  public static PTransform<PCollection<Row>, PCollectionTuple> uniqueKeys(String step, String table,
      SerializableFunction<Row, String> key) {
    // (not "name": inside the anonymous PTransform that would be PTransform's own transient field)
    return new PTransform<PCollection<Row>, PCollectionTuple>() {
      @Override
      public PCollectionTuple expand(PCollection<Row> rows) {
        PCollection<Row> none = rows.getPipeline()
            .apply("NoChildren", org.apache.beam.sdk.transforms.Create.empty(RowCoder.of(rows.getSchema())));
        PCollectionTuple joined = PCollectionTuple.of(PARENTS, rows).and(CHILDREN, none)
            .apply("Join", of(step, table, key, table, key));
        PCollection<Row> unique = joined.get(JOINED)
            .apply("Parents", org.apache.beam.sdk.transforms.Keys.create())
            .setRowSchema(rows.getSchema());
        return PCollectionTuple.of(PARENTS, unique).and(DEAD_LETTERS, joined.get(DEAD_LETTERS));
      }
    };
  }

  /** A row as a CSV record of its values: a dead letter's original text. */
  public static String render(Row row) {
    return io.tributary.transforms.io.WriteCsv.line(row);
  }

  private static final class CheckFn extends DoFn<KV<String, CoGbkResult>, KV<Row, List<Row>>> {
    private final String step;
    private final String parentName;
    private final String childName;
    private final TupleTag<Row> p;
    private final TupleTag<Row> c;
    private final StepMetrics metrics;

    CheckFn(String step, String parentName, String childName, TupleTag<Row> p, TupleTag<Row> c) {
      this.step = step;
      this.parentName = parentName;
      this.childName = childName;
      this.p = p;
      this.c = c;
      this.metrics = StepMetrics.of(step);
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, MultiOutputReceiver out) {
      String key = group.getKey();
      List<Row> parents = new ArrayList<>();
      group.getValue().getAll(p).forEach(parents::add);
      List<Row> children = new ArrayList<>();
      group.getValue().getAll(c).forEach(children::add);
      if (parents.size() == 1) {
        out.get(JOINED).output(KV.of(parents.get(0), children));
        return;
      }
      String childReason = parents.isEmpty()
          ? childName + " refers to unknown " + parentName + " '" + key + "'"
          : childName + " refers to " + parentName + " '" + key + "', which appears " + parents.size() + " times";
      for (Row parent : parents) {
        reject(parentName, parent, parentName + " '" + key + "' appears " + parents.size() + " times", out);
      }
      for (Row child : children) {
        reject(childName, child, childReason, out);
      }
    }

    private void reject(String table, Row row, String reason, MultiOutputReceiver out) {
      metrics.deadLettered().inc();
      out.get(DEAD_LETTERS).output(DeadLetterSchema.of(step, table, null, render(row), reason));
    }
  }
}
