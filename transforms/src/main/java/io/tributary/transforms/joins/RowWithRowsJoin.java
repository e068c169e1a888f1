package io.tributary.transforms.joins;

import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * A join of two named row collections over {@link KeyedCoGroup}, each success a left row with its
 * right rows: the joins differ only in their tags and in how they resolve one key.
 */
abstract class RowWithRowsJoin extends PTransform<PCollectionTuple, PCollectionTuple> {
  /** The tags a join reads and writes. */
  static final class Tags {
    final TupleTag<Row> left;
    final TupleTag<Row> right;
    final TupleTag<KV<Row, List<Row>>> joined;
    final TupleTag<Row> failures;

    Tags(TupleTag<Row> left, TupleTag<Row> right, TupleTag<KV<Row, List<Row>>> joined, TupleTag<Row> failures) {
      this.left = left;
      this.right = right;
      this.joined = joined;
      this.failures = failures;
    }
  }

  private final String step;
  private final String leftName;
  private final SerializableFunction<Row, String> leftKey;
  private final String rightName;
  private final SerializableFunction<Row, String> rightKey;
  private final Tags tags;

  RowWithRowsJoin(String step, String leftName, SerializableFunction<Row, String> leftKey, String rightName,
      SerializableFunction<Row, String> rightKey, Tags tags) {
    this.step = step;
    this.leftName = leftName;
    this.leftKey = leftKey;
    this.rightName = rightName;
    this.rightKey = rightKey;
    this.tags = tags;
  }

  /** How one key's rows resolve, the sides named as dead letters name them. */
  abstract KeyedCoGroup.Resolver<KV<Row, List<Row>>> resolver(String leftName, String rightName);

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollectionTuple sides = PCollectionTuple.of(KeyedCoGroup.LEFT, input.get(tags.left))
        .and(KeyedCoGroup.RIGHT, input.get(tags.right));
    return sides.apply("Join", KeyedCoGroup.rowWithRows(step, sides, leftKey, rightKey,
        resolver(leftName, rightName), tags.joined, tags.failures));
  }
}
