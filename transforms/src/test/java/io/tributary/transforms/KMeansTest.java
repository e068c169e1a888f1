package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tributary.transforms.kmeans.AssignToNearestCentroid;
import io.tributary.transforms.kmeans.CentroidModel;
import io.tributary.transforms.kmeans.KMeansTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.tributary.testing.TestPipelineExtension;

public class KMeansTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);

  private static final List<String> XY = List.of("x", "y");

  /** Two tight blobs far apart: k=2 must put each blob in its own cluster, whatever the seed. */
  private static List<double[]> twoBlobs() {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      points.add(new double[] {i * 0.01, i * 0.01});
      points.add(new double[] {10 + i * 0.01, 10 + i * 0.01});
    }
    return points;
  }

  @Test
  public void separatesTwoBlobsAndNumbersClustersCanonically() {
    CentroidModel model = KMeansTrainer.fit("r", XY, KMeansTrainer.ungrouped(2), twoBlobs(), 2, 42, "v1");
    assertEquals(2, model.k());
    // Centroids are sorted, so the blob near the origin is cluster 0 for any seed.
    assertEquals(0, model.assign(new double[] {0.05, 0.05}));
    assertEquals(1, model.assign(new double[] {10.05, 10.05}));
    CentroidModel other = KMeansTrainer.fit("r", XY, KMeansTrainer.ungrouped(2), twoBlobs(), 2, 7, "v1");
    assertEquals(0, other.assign(new double[] {0.05, 0.05}));
    // Standardisation: mean of x over both blobs is 5.045.
    assertEquals(5.045, model.means[0], 1e-9);
  }

  @Test
  public void sameSeedSameModel() {
    List<double[]> points = new ArrayList<>();
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 300; i++) {
      points.add(new double[] {r.nextGaussian(), r.nextGaussian()});
    }
    CentroidModel a = KMeansTrainer.fit("r", XY, KMeansTrainer.ungrouped(2), points, 5, 42, "v");
    CentroidModel b = KMeansTrainer.fit("r", XY, KMeansTrainer.ungrouped(2), points, 5, 42, "v");
    assertEquals(5, a.k());
    for (int c = 0; c < 5; c++) {
      assertArrayEquals(a.centroids[c], b.centroids[c], 0.0);
    }
  }

  @Test
  public void groupedDimensionsShareOneScale() {
    // Dimension 0 has variance 4 (values 0 and 4), dimension 1 variance 0: as one group both get
    // sqrt((4 + 0) / 2) = sqrt(2); ungrouped they would get 2 and 1.
    List<double[]> points = List.of(new double[] {0, 1}, new double[] {4, 1});
    CentroidModel grouped = KMeansTrainer.fit("g", XY, new int[] {0, 0}, points, 1, 42, "v");
    assertArrayEquals(new double[] {Math.sqrt(2), Math.sqrt(2)}, grouped.scales, 1e-12);
    CentroidModel ungrouped = KMeansTrainer.fit("g", XY, KMeansTrainer.ungrouped(2), points, 1, 42, "v");
    assertArrayEquals(new double[] {2, 1}, ungrouped.scales, 1e-12);
    // k = 1: one centroid at the mean (the origin once standardised); everything is cluster 0.
    assertArrayEquals(new double[] {0, 0}, grouped.centroids[0], 0.0);
    assertEquals(0, grouped.assign(new double[] {100, -3}));
  }

  @Test
  public void fewerDistinctPointsThanKGivesOneClusterPerDistinctPoint() {
    List<double[]> points = List.of(new double[] {1, 1}, new double[] {3, 5}, new double[] {1, 1});
    CentroidModel model = KMeansTrainer.fit("tiny", XY, KMeansTrainer.ungrouped(2), points, 5, 42, "v");
    assertEquals(2, model.k());
    assertEquals(5, model.requestedK);
    assertNotEquals(model.assign(new double[] {1, 1}), model.assign(new double[] {3, 5}));
  }

  @Test
  public void assignsEachElementWithItsKeysModel() {
    // Hand-made models: no scaling, centroids at 0 and 10 (region A) and a single one (region B).
    CentroidModel a = new CentroidModel(1, "A", "v", 0, 2, 2, XY, new double[] {0, 0}, new double[] {1, 1},
        new double[][] {{0, 0}, {10, 10}});
    CentroidModel b = new CentroidModel(1, "B", "v", 0, 1, 1, XY, new double[] {0, 0}, new double[] {1, 1},
        new double[][] {{5, 5}});
    PCollectionView<Map<String, CentroidModel>> models = pipeline
        .apply("Models", Create.of(KV.of("A", a), KV.of("B", b)))
        .apply(View.asMap());
    PCollection<KV<String, Integer>> assigned = pipeline
        .apply("Points", Create.of("A:1:2", "A:9:8", "B:100:100"))
        .apply(AssignToNearestCentroid.<String>of(models, s -> s.split(":")[0],
            s -> new double[] {Double.parseDouble(s.split(":")[1]), Double.parseDouble(s.split(":")[2])}));
    PAssert.that(assigned).containsInAnyOrder(KV.of("A:1:2", 0), KV.of("A:9:8", 1), KV.of("B:100:100", 0));
    pipeline.run();
  }
}
