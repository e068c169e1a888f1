package io.tributary.transforms.cdc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/**
 * The state of one incremental one-to-many join, per parent key: the parent row in a {@link
 * ValueState}, its children by their sub key in a {@link MapState}, and where this key's result
 * was last sent (so a parent that moves or goes can retract it). Changes of both kinds arrive keyed
 * by the parent key ({@code kind} tells the parent's from the children's, {@code sub} names the
 * child); each is applied to the state (a delete removes), then {@link #emit} sees the whole join
 * of that key as it now stands and says what goes downstream.
 *
 * <p>A child whose parent is unknown waits in state and counts as soon as the parent arrives.
 */
public abstract class ParentWithChildrenFn<OutT> extends DoFn<KV<String, Change>, OutT> {
  @StateId("parent")
  private final StateSpec<ValueState<Row>> parentSpec;

  @StateId("children")
  private final StateSpec<MapState<String, Row>> childrenSpec;

  @StateId("sentTo")
  private final StateSpec<ValueState<String>> sentToSpec = StateSpecs.value(StringUtf8Coder.of());

  private final String parentKind;
  private final Schema parentSchema;
  private final Schema childSchema;

  /** @param parentKind the {@link Change#kind} of parent changes; any other kind is a child change */
  protected ParentWithChildrenFn(String parentKind, Schema parentSchema, Schema childSchema) {
    this.parentKind = parentKind;
    this.parentSchema = parentSchema;
    this.childSchema = childSchema;
    this.parentSpec = StateSpecs.value(RowCoder.of(parentSchema));
    this.childrenSpec = StateSpecs.map(StringUtf8Coder.of(), RowCoder.of(childSchema));
  }

  /** What the key's join, just changed by {@link Joined#cause}, sends downstream. */
  protected abstract void emit(Joined joined, OutputReceiver<OutT> out);

  @ProcessElement
  public void process(@Element KV<String, Change> element, @StateId("parent") ValueState<Row> parentState,
      @StateId("children") MapState<String, Row> children, @StateId("sentTo") ValueState<String> sentTo,
      OutputReceiver<OutT> out) {
    Change change = element.getValue();
    Joined joined;
    if (change.kind.equals(parentKind)) {
      Row parent = ChangeRows.decode(change, parentSchema);
      if (parent == null) {
        parentState.clear();
      } else {
        parentState.write(parent);
      }
      joined = new Joined(element.getKey(), change, parent, true, null, null, children, sentTo);
    } else {
      Row child = ChangeRows.decode(change, childSchema);
      if (child == null) {
        children.remove(change.sub);
      } else {
        children.put(change.sub, child);
      }
      joined = new Joined(element.getKey(), change, parentState.read(), false, change.sub, child, children, sentTo);
    }
    emit(joined, out);
  }

  /** One key's join after a change: the parent (null if unknown or deleted), the children, the change. */
  public static final class Joined {
    public final String key;
    public final Change cause;
    public final Row parent;
    public final boolean parentChanged;
    /** The changed child's sub key and new row (null for a delete); both null when the parent changed. */
    public final String childKey;
    public final Row child;
    private final MapState<String, Row> children;
    private final ValueState<String> sentTo;

    Joined(String key, Change cause, Row parent, boolean parentChanged, String childKey, Row child,
        MapState<String, Row> children, ValueState<String> sentTo) {
      this.key = key;
      this.cause = cause;
      this.parent = parent;
      this.parentChanged = parentChanged;
      this.childKey = childKey;
      this.child = child;
      this.children = children;
      this.sentTo = sentTo;
    }

    public Iterable<Map.Entry<String, Row>> children() {
      return children.entries().read();
    }

    public List<Row> childRows() {
      List<Row> rows = new ArrayList<>();
      children.values().read().forEach(rows::add);
      return rows;
    }

    /** Where the key's result was last sent (a downstream key, or any marker), null if nowhere. */
    public String sentTo() {
      return sentTo.read();
    }

    public void sentTo(String target) {
      if (target == null) {
        sentTo.clear();
      } else {
        sentTo.write(target);
      }
    }
  }
}
