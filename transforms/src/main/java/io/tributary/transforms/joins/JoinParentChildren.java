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
public final class JoinParentChildren extends RowWithRowsJoin {
  public static final TupleTag<Row> PARENTS = new TupleTag<Row>() {};
  public static final TupleTag<Row> CHILDREN = new TupleTag<Row>() {};
  public static final TupleTag<KV<Row, List<Row>>> JOINED = new TupleTag<KV<Row, List<Row>>>() {};
  public static final TupleTag<Row> DEAD_LETTERS = new TupleTag<Row>() {};

  private JoinParentChildren(String step, String parentName, SerializableFunction<Row, String> parentKey,
      String childName, SerializableFunction<Row, String> childKey) {
    super(step, parentName, parentKey, childName, childKey, new Tags(PARENTS, CHILDREN, JOINED, DEAD_LETTERS));
  }

  /**
   * @param step metrics namespace and dead letters' step
   * @param parentName table of the parents, as dead letters name them ("sku")
   * @param childName table of the children ("invoice_line_items")
   */
  public static JoinParentChildren of(String step, String parentName, SerializableFunction<Row, String> parentKey,
      String childName, SerializableFunction<Row, String> childKey) {
    return new JoinParentChildren(step, parentName, parentKey, childName, childKey);
  }

  @Override
  KeyedCoGroup.Resolver<KV<Row, List<Row>>> resolver(String parents, String children) {
    return (key, found, childRows, out) -> check(parents, children, key, found, childRows, out);
  }

  /** One parent passes with its children; no parent or a repeated one rejects the children too. */
  private static void check(String parentName, String childName, String key, List<Row> parents, Iterable<Row> children,
      KeyedCoGroup.Outcome<KV<Row, List<Row>>> out) {
    if (parents.size() == 1) {
      List<Row> list = new ArrayList<>();
      children.forEach(list::add);
      out.output(KV.of(parents.get(0), list));
      return;
    }
    String childReason = parents.isEmpty()
        ? childName + " refers to unknown " + parentName + " '" + key + "'"
        : childName + " refers to " + parentName + " '" + key + "', which appears " + parents.size() + " times";
    for (Row parent : parents) {
      out.reject(parentName, null, parent, parentName + " '" + key + "' appears " + parents.size() + " times");
    }
    for (Row child : children) {
      out.reject(childName, null, child, childReason);
    }
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
}
