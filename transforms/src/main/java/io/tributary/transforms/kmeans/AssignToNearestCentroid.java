package io.tributary.transforms.kmeans;

import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Pairs each element with the index of the nearest centroid of its key's model. Models arrive as a
 * side input (a map-side broadcast on Spark and Flink), so assignment never shuffles the data. An
 * element whose key has no model is an error: it means fitting and assignment saw different data.
 */
public final class AssignToNearestCentroid<T> extends PTransform<PCollection<T>, PCollection<KV<T, Integer>>> {
  private final PCollectionView<Map<String, CentroidModel>> models;
  private final SerializableFunction<T, String> keyFn;
  private final SerializableFunction<T, double[]> featuresFn;

  private AssignToNearestCentroid(PCollectionView<Map<String, CentroidModel>> models,
      SerializableFunction<T, String> keyFn, SerializableFunction<T, double[]> featuresFn) {
    this.models = models;
    this.keyFn = keyFn;
    this.featuresFn = featuresFn;
  }

  public static <T> AssignToNearestCentroid<T> of(PCollectionView<Map<String, CentroidModel>> models,
      SerializableFunction<T, String> keyFn, SerializableFunction<T, double[]> featuresFn) {
    return new AssignToNearestCentroid<>(models, keyFn, featuresFn);
  }

  @Override
  public PCollection<KV<T, Integer>> expand(PCollection<T> input) {
    return input
        .apply(ParDo.of(new AssignFn<>(models, keyFn, featuresFn)).withSideInputs(models))
        .setCoder(KvCoder.of(input.getCoder(), VarIntCoder.of()));
  }

  private static final class AssignFn<T> extends DoFn<T, KV<T, Integer>> {
    private final PCollectionView<Map<String, CentroidModel>> models;
    private final SerializableFunction<T, String> keyFn;
    private final SerializableFunction<T, double[]> featuresFn;

    AssignFn(PCollectionView<Map<String, CentroidModel>> models,
        SerializableFunction<T, String> keyFn, SerializableFunction<T, double[]> featuresFn) {
      this.models = models;
      this.keyFn = keyFn;
      this.featuresFn = featuresFn;
    }

    @ProcessElement
    public void process(@Element T element, ProcessContext context) {
      String key = keyFn.apply(element);
      CentroidModel model = context.sideInput(models).get(key);
      if (model == null) {
        throw new IllegalStateException("no fitted model for key '" + key + "'");
      }
      context.output(KV.of(element, model.assign(featuresFn.apply(element))));
    }
  }
}
