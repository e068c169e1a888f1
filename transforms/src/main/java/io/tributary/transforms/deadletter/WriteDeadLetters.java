package io.tributary.transforms.deadletter;

import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ToJson;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;

/**
 * Writes dead-letter rows as JSON lines ({@code step, source, line, original, reason}) under
 * {@code directory}, file names starting with {@code prefix} (a run id, so reruns never overwrite
 * an earlier run's rejects). One file per run, empty when nothing was rejected.
 */
public final class WriteDeadLetters extends PTransform<PCollection<Row>, PDone> {
  private final String directory;
  private final String prefix;

  private WriteDeadLetters(String directory, String prefix) {
    this.directory = directory;
    this.prefix = prefix;
  }

  public static WriteDeadLetters to(String directory, String prefix) {
    return new WriteDeadLetters(directory, prefix);
  }

  @Override
  public PDone expand(PCollection<Row> deadLetters) {
    String base = directory.endsWith("/") ? directory : directory + "/";
    return deadLetters
        .apply("ToJson", ToJson.of())
        .apply("Write", TextIO.write().to(base + prefix).withSuffix(".jsonl").withNumShards(1));
  }
}
