package io.tributary.pipelines.trips;

import io.tributary.core.step.LakeOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of the {@code trips} pipeline; every one can be given as {@code --name=value}. */
public interface TripsOptions extends LakeOptions {
  @Description("Ingest source: CSV file(s) (glob, local or s3://) or jdbc:TABLE")
  String getSource();

  void setSource(String source);

  @Description("Parallel partitions when ingesting from a JDBC table")
  @Default.Integer(4)
  int getJdbcPartitions();

  void setJdbcPartitions(int partitions);

  @Description("Routes per region (k of k-means)")
  @Default.Integer(5)
  int getRoutesK();

  void setRoutesK(int k);

  @Description("Random seed of the k-means++ initialisation")
  @Default.Long(42)
  long getRoutesSeed();

  void setRoutesSeed(long seed);

  @Description("At most this many trips per region are used to fit the routes model")
  @Default.Integer(200_000)
  int getRoutesSampleSize();

  void setRoutesSampleSize(int size);

  @Description("Bounding boxes for the report: id:x_min,y_min,x_max,y_max;... (lon/lat)")
  @Default.String("")
  String getBoundingBoxes();

  void setBoundingBoxes(String boxes);

  @Description("Where report bounding boxes come from: options (--boundingBoxes) or jdbc (bounding_boxes table)")
  @Default.String("options")
  String getBoundingBoxSource();

  void setBoundingBoxSource(String source);

  @Description("Hash buckets used for deduplication (memory per bucket = rows / buckets)")
  @Default.Integer(1024)
  int getDedupBuckets();

  void setDedupBuckets(int buckets);
}
