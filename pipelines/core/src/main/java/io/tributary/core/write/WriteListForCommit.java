package io.tributary.core.write;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableBiConsumer;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.iceberg.io.FileIO;

/**
 * What the workers produced for the commit (data files, touched partitions), gathered into one
 * task and written as one list file in the table's {@code pending/} folder, which the driver reads
 * when the pipeline succeeded ({@link PendingFiles}). Nothing is written when nothing was produced.
 */
final class WriteListForCommit<T> extends PTransform<PCollection<T>, PDone> {
  /** Writes the gathered list with the table's FileIO. */
  interface ListWriter<T> extends SerializableBiConsumer<FileIO, List<T>> {}

  private final FileIO io;
  private final Coder<T> coder;
  private final ListWriter<T> writer;

  WriteListForCommit(FileIO io, Coder<T> coder, ListWriter<T> writer) {
    this.io = io;
    this.coder = coder;
    this.writer = writer;
  }

  @Override
  public PDone expand(PCollection<T> items) {
    items.apply("OneKey", WithKeys.of("list"))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder))
        .apply("Gather", GroupByKey.create())
        .apply("Write", ParDo.of(new WriteFn<>(io, writer)));
    return PDone.in(items.getPipeline());
  }

  private static final class WriteFn<T> extends DoFn<KV<String, Iterable<T>>, Void> {
    private final FileIO io;
    private final ListWriter<T> writer;

    WriteFn(FileIO io, ListWriter<T> writer) {
      this.io = io;
      this.writer = writer;
    }

    /** Workers' copies hold their own FileIO (S3FileIO warns when one is left unclosed). */
    @Teardown
    public void closeIo() {
      io.close();
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<T>> all) {
      List<T> items = new ArrayList<>();
      all.getValue().forEach(items::add);
      writer.accept(io, items);
    }
  }
}
