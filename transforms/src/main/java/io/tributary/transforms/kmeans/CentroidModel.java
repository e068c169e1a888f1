package io.tributary.transforms.kmeans;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;

/**
 * A fitted k-means model for one key (a region): the per-feature standardisation it was fitted
 * with and its centroids in standardised space. Serialisable as JSON so it can be stored in the lake
 * and reloaded to assign new data without refitting.
 */
public final class CentroidModel implements Serializable {
  /** Bumped when the meaning of the fields changes. */
  public static final int FORMAT_VERSION = 1;

  @JsonProperty public final int formatVersion;
  @JsonProperty public final String key;
  /** When and by which run the model was fitted. */
  @JsonProperty public final String version;
  @JsonProperty public final long seed;
  @JsonProperty public final int requestedK;
  @JsonProperty public final long trainingPoints;
  @JsonProperty public final List<String> featureNames;
  @JsonProperty public final double[] means;
  @JsonProperty public final double[] scales;
  @JsonProperty public final double[][] centroids;

  @JsonCreator
  public CentroidModel(
      @JsonProperty("formatVersion") int formatVersion,
      @JsonProperty("key") String key,
      @JsonProperty("version") String version,
      @JsonProperty("seed") long seed,
      @JsonProperty("requestedK") int requestedK,
      @JsonProperty("trainingPoints") long trainingPoints,
      @JsonProperty("featureNames") List<String> featureNames,
      @JsonProperty("means") double[] means,
      @JsonProperty("scales") double[] scales,
      @JsonProperty("centroids") double[][] centroids) {
    this.formatVersion = formatVersion;
    this.key = key;
    this.version = version;
    this.seed = seed;
    this.requestedK = requestedK;
    this.trainingPoints = trainingPoints;
    this.featureNames = featureNames;
    this.means = means;
    this.scales = scales;
    this.centroids = centroids;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CentroidModel)) {
      return false;
    }
    CentroidModel m = (CentroidModel) o;
    return formatVersion == m.formatVersion && key.equals(m.key) && version.equals(m.version) && seed == m.seed
        && requestedK == m.requestedK && trainingPoints == m.trainingPoints && featureNames.equals(m.featureNames)
        && java.util.Arrays.equals(means, m.means) && java.util.Arrays.equals(scales, m.scales)
        && java.util.Arrays.deepEquals(centroids, m.centroids);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + java.util.Arrays.deepHashCode(centroids);
  }

  /** Number of clusters actually fitted (less than requested when there were fewer distinct points). */
  public int k() {
    return centroids.length;
  }

  public double[] standardise(double[] raw) {
    double[] z = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      z[i] = (raw[i] - means[i]) / scales[i];
    }
    return z;
  }

  /** Index of the nearest centroid (squared Euclidean in standardised space; lowest index on ties). */
  public int assign(double[] raw) {
    double[] z = standardise(raw);
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centroids.length; c++) {
      double d = 0;
      for (int i = 0; i < z.length; i++) {
        double diff = z[i] - centroids[c][i];
        d += diff * diff;
      }
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best;
  }
}
