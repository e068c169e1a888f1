package io.tributary.transforms.kmeans;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Fits k-means (smile, k-means++ seeding, fixed seed) on standardised features. The result depends
 * only on the points and their order, so callers pass points in a canonical order. Centroids are
 * returned sorted, so cluster numbers do not depend on the order smile found them in.
 */
public final class KMeansTrainer {
  public static final int MAX_ITERATIONS = 100;
  public static final double TOLERANCE = 1e-6;

  private KMeansTrainer() {}

  /** Every dimension its own feature. */
  public static int[] ungrouped(int dims) {
    int[] groups = new int[dims];
    for (int i = 0; i < dims; i++) {
      groups[i] = i;
    }
    return groups;
  }

  /**
   * @param groups feature group of each dimension: dimensions of one group share one scale (the root
   *     of their mean variance), so a feature spread over several dimensions keeps its shape. Time of
   *     day as (sin, cos) must be one group: scaled separately, a nearly constant sin would be blown up
   *     to the weight of cos and the circle would no longer be a circle.
   */
  public static CentroidModel fit(String key, List<String> featureNames, int[] groups, List<double[]> points,
      int k, long seed, String version) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("no points to fit for key " + key);
    }
    int dims = points.get(0).length;
    if (groups.length != dims) {
      throw new IllegalArgumentException(groups.length + " feature groups for " + dims + " dimensions");
    }
    double[] means = new double[dims];
    double[] variances = new double[dims];
    for (int i = 0; i < dims; i++) {
      final int d = i;
      means[i] = points.stream().mapToDouble(p -> p[d]).sum() / points.size();
      variances[i] =
          points.stream().mapToDouble(p -> (p[d] - means[d]) * (p[d] - means[d])).sum() / points.size();
    }
    double[] scales = new double[dims];
    for (int i = 0; i < dims; i++) {
      double sum = 0;
      int members = 0;
      for (int j = 0; j < dims; j++) {
        if (groups[j] == groups[i]) {
          sum += variances[j];
          members++;
        }
      }
      // A constant feature carries no information: scale 1 keeps it at 0 instead of dividing by 0.
      scales[i] = sum > 0 ? Math.sqrt(sum / members) : 1.0;
    }
    double[][] z = new double[points.size()][];
    for (int p = 0; p < z.length; p++) {
      z[p] = new double[dims];
      for (int i = 0; i < dims; i++) {
        z[p][i] = (points.get(p)[i] - means[i]) / scales[i];
      }
    }
    TreeSet<double[]> distinct = new TreeSet<>(KMeansTrainer::compareVectors);
    distinct.addAll(Arrays.asList(z));
    double[][] centroids;
    if (distinct.size() <= k) {
      // Fewer distinct trips than routes: each distinct trip is its own route.
      centroids = distinct.toArray(new double[0][]);
    } else if (k == 1) {
      // smile refuses k = 1; its answer is the mean, which is the origin of the standardised space.
      centroids = new double[][] {new double[dims]};
    } else {
      // smile draws its k-means++ seeds from MathEx's per-thread generator: seed it right here.
      MathEx.setSeed(seed);
      KMeans model = KMeans.fit(z, k, MAX_ITERATIONS, TOLERANCE);
      List<double[]> sorted = new ArrayList<>(Arrays.asList(model.centroids));
      sorted.sort(KMeansTrainer::compareVectors);
      centroids = sorted.toArray(new double[0][]);
    }
    return new CentroidModel(CentroidModel.FORMAT_VERSION, key, version, seed, k, points.size(),
        featureNames, means, scales, centroids);
  }

  static int compareVectors(double[] a, double[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int c = Double.compare(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  /** Orders points by id: the canonical order used before fitting. */
  public static final Comparator<FeaturePoint> BY_ID = Comparator.comparing(p -> p.id);
}
