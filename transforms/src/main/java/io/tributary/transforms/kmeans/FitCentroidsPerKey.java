package io.tributary.transforms.kmeans;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Fits one k-means model per key (for example per region) from keyed feature points.
 *
 * <p>At most {@code sampleSize} points per key are used for fitting: the ones with the smallest
 * hash of their id, which is a uniform, reproducible sample that every runner picks identically.
 * This keeps the fit's memory bounded however many rows a key has; assignment of all rows to the
 * fitted centroids is a separate, fully parallel step ({@link AssignToNearestCentroid}).
 */
public final class FitCentroidsPerKey
    extends PTransform<PCollection<KV<String, FeaturePoint>>, PCollection<KV<String, CentroidModel>>> {
  public static final int DEFAULT_SAMPLE_SIZE = 200_000;

  private final List<String> featureNames;
  private final int[] groups;
  private final int k;
  private final long seed;
  private final String version;
  private final int sampleSize;

  private FitCentroidsPerKey(List<String> featureNames, int[] groups, int k, long seed, String version,
      int sampleSize) {
    this.featureNames = featureNames;
    this.groups = groups;
    this.k = k;
    this.seed = seed;
    this.version = version;
    this.sampleSize = sampleSize;
  }

  public static FitCentroidsPerKey of(List<String> featureNames, int k, long seed, String version) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    return new FitCentroidsPerKey(new ArrayList<>(featureNames), KMeansTrainer.ungrouped(featureNames.size()), k,
        seed, version, DEFAULT_SAMPLE_SIZE);
  }

  /** Dimensions that form one feature and share a scale (see {@link KMeansTrainer#fit}). */
  public FitCentroidsPerKey withFeatureGroups(int... groups) {
    return new FitCentroidsPerKey(featureNames, groups.clone(), k, seed, version, sampleSize);
  }

  public FitCentroidsPerKey withSampleSize(int sampleSize) {
    return new FitCentroidsPerKey(featureNames, groups, k, seed, version, sampleSize);
  }

  @Override
  public PCollection<KV<String, CentroidModel>> expand(PCollection<KV<String, FeaturePoint>> points) {
    return points
        .apply("Sample", Top.perKey(sampleSize, new SmallestHashFirst()))
        .apply("Fit", ParDo.of(new FitFn(featureNames, groups, k, seed, version)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(CentroidModel.class)));
  }

  /** Top keeps the "largest": order so that a smaller hash (then a smaller id) counts as larger. */
  private static final class SmallestHashFirst implements Comparator<FeaturePoint>, Serializable {
    @Override
    public int compare(FeaturePoint a, FeaturePoint b) {
      int c = Long.compare(b.sampleHash(), a.sampleHash());
      return c != 0 ? c : b.id.compareTo(a.id);
    }
  }

  private static final class FitFn extends DoFn<KV<String, List<FeaturePoint>>, KV<String, CentroidModel>> {
    private final List<String> featureNames;
    private final int[] groups;
    private final int k;
    private final long seed;
    private final String version;

    FitFn(List<String> featureNames, int[] groups, int k, long seed, String version) {
      this.featureNames = featureNames;
      this.groups = groups;
      this.k = k;
      this.seed = seed;
      this.version = version;
    }

    @ProcessElement
    public void process(@Element KV<String, List<FeaturePoint>> sample,
        OutputReceiver<KV<String, CentroidModel>> out) {
      List<FeaturePoint> ordered = new ArrayList<>(sample.getValue());
      ordered.sort(KMeansTrainer.BY_ID);
      List<double[]> features = new ArrayList<>(ordered.size());
      ordered.forEach(p -> features.add(p.features));
      out.output(KV.of(sample.getKey(),
          KMeansTrainer.fit(sample.getKey(), featureNames, groups, features, k, seed, version)));
    }
  }
}
