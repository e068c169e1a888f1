package io.tributary.transforms.kmeans;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tributary.transforms.lake.PartitionPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Saves each key's model as {@code directory/<keyColumn>=<key>/model.json} (centroids, scaling,
 * seed, version), readable with {@link #load}. Rewriting the same file on a retried bundle is harmless.
 */
public final class SaveModels extends PTransform<PCollection<KV<String, CentroidModel>>, PDone> {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String directory;
  private final String keyColumn;

  private SaveModels(String directory, String keyColumn) {
    this.directory = directory;
    this.keyColumn = keyColumn;
  }

  public static SaveModels to(String directory, String keyColumn) {
    return new SaveModels(directory, keyColumn);
  }

  public static String path(String directory, String keyColumn, String key) {
    return directory + "/" + PartitionPath.segment(keyColumn, key) + "/model.json";
  }

  public static CentroidModel load(String file) throws IOException {
    ResourceId id = FileSystems.matchSingleFileSpec(file).resourceId();
    try (InputStream in = Channels.newInputStream(FileSystems.open(id))) {
      return JSON.readValue(in, CentroidModel.class);
    }
  }

  @Override
  public PDone expand(PCollection<KV<String, CentroidModel>> models) {
    models.apply(ParDo.of(new SaveFn(directory, keyColumn)));
    return PDone.in(models.getPipeline());
  }

  private static final class SaveFn extends DoFn<KV<String, CentroidModel>, Void> {
    private final String directory;
    private final String keyColumn;

    SaveFn(String directory, String keyColumn) {
      this.directory = directory;
      this.keyColumn = keyColumn;
    }

    @ProcessElement
    public void process(@Element KV<String, CentroidModel> model) throws IOException {
      ResourceId file = FileSystems.matchNewResource(path(directory, keyColumn, model.getKey()), false);
      // Closed once: Jackson's writeValue(stream) closes the stream itself, and a second close of
      // Beam's S3 channel completed its multipart upload twice (S3: "One or more of the specified
      // parts could not be found"): the models on S3 were never written.
      byte[] json = JSON.writeValueAsBytes(model.getValue());
      WritableByteChannel channel = FileSystems.create(file, "application/json");
      try (OutputStream out = Channels.newOutputStream(channel)) {
        out.write(json);
      }
    }
  }
}
