package io.tributary.transforms.cdc;

import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Keeps, per (kind, key), the version of the last change applied and lets through only newer
 * changes: a replayed or late event (older {@code source.ts_ms}, or the same time at an older
 * offset) cannot undo a newer one. The version lives in Beam state, so it survives a restart from a
 * checkpoint together with the source offsets.
 */
public final class ApplyLatestPerKey extends PTransform<PCollection<Change>, PCollection<Change>> {
  private ApplyLatestPerKey() {}

  public static ApplyLatestPerKey create() {
    return new ApplyLatestPerKey();
  }

  @Override
  public PCollection<Change> expand(PCollection<Change> changes) {
    return changes
        .apply("ByKey", WithKeys.of((Change c) -> c.kind + "\u0001" + c.key).withKeyType(TypeDescriptors.strings()))
        .apply("Latest", ParDo.of(new LatestFn()))
        .setCoder(changes.getCoder());
  }

  private static final class LatestFn extends DoFn<KV<String, Change>, Change> {
    @StateId("ts")
    private final StateSpec<ValueState<Long>> tsSpec = StateSpecs.value(VarLongCoder.of());

    @StateId("offset")
    private final StateSpec<ValueState<Long>> offsetSpec = StateSpecs.value(VarLongCoder.of());

    @ProcessElement
    public void process(@Element KV<String, Change> element, @StateId("ts") ValueState<Long> ts,
        @StateId("offset") ValueState<Long> offset, OutputReceiver<Change> out) {
      Change change = element.getValue();
      Long lastTs = ts.read();
      if (lastTs != null && !change.newerThan(lastTs, offset.read())) {
        return;
      }
      ts.write(change.tsMs);
      offset.write(change.offset);
      out.output(change);
    }
  }
}
