package io.tributary.transforms.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet files as lines: each record rendered as a CSV record of the given columns in that order,
 * so Parquet inputs go through the same parser, formats and dead letters as CSV ({@code source} =
 * the file, {@code line} = the record's 1-based position). Values are rendered as stored: whole
 * numbers and text as they are, doubles in plain notation, decimals exactly, a DATE as
 * {@code yyyy-MM-dd}, a timestamp (millis or micros) as {@code yyyy-MM-dd HH:mm:ss} UTC, with its
 * fraction of a second when it has one (which a parser expecting whole seconds then rejects). A file
 * lacking a column makes each of its records a malformed line naming the column.
 */
public final class ReadParquetAsLines extends PTransform<PBegin, PCollection<SourceLine>> {
  private final List<String> filepatterns;
  private final List<String> columns;
  private final boolean spread;
  private final PCollectionView<?> after;

  private ReadParquetAsLines(List<String> filepatterns, List<String> columns, boolean spread, PCollectionView<?> after) {
    this.filepatterns = List.copyOf(filepatterns);
    this.columns = List.copyOf(columns);
    this.spread = spread;
    this.after = after;
  }

  public static ReadParquetAsLines of(List<String> filepatterns, List<String> columns) {
    return new ReadParquetAsLines(filepatterns, columns, true, null);
  }

  /** As {@link ReadSourceLines#withoutSpreading}: each file's records stay with the worker that read it. */
  public ReadParquetAsLines withoutSpreading() {
    return new ReadParquetAsLines(filepatterns, columns, false, after);
  }

  /** As {@link ReadSourceLines#after}: the files are matched once {@code signal} is ready; null means no wait. */
  public ReadParquetAsLines after(PCollectionView<?> signal) {
    return new ReadParquetAsLines(filepatterns, columns, spread, signal);
  }

  @Override
  public PCollection<SourceLine> expand(PBegin input) {
    return ReadSourceLines.spread(ReadSourceLines.open(input, filepatterns, after).apply("Records", ParDo.of(new RecordsFn(columns))),
        spread);
  }

  private static final class RecordsFn extends DoFn<FileIO.ReadableFile, SourceLine> {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter FRACTION = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private final List<String> columns;

    RecordsFn(List<String> columns) {
      this.columns = columns;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<SourceLine> out) throws IOException {
      String source = file.getMetadata().resourceId().toString();
      try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new ChannelInputFile(file.openSeekable()))
          .build()) {
        long line = 0;
        for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
          line++;
          List<String> values = new ArrayList<>(columns.size());
          String problem = null;
          for (String column : columns) {
            Schema.Field field = record.getSchema().getField(column);
            if (field == null) {
              problem = "the Parquet file has no column " + column;
              values.add("");
              continue;
            }
            try {
              values.add(render(record.get(column), field.schema()));
            } catch (IllegalArgumentException e) {
              problem = e.getMessage();
              values.add("");
            }
          }
          String text = CsvFields.join(values);
          out.output(problem == null ? SourceLine.of(source, line, text) : SourceLine.malformed(source, line, text, problem));
        }
      }
    }

    static String render(Object value, Schema schema) {
      if (value == null) {
        return "";
      }
      if (schema.getType() == Schema.Type.UNION) {
        for (Schema branch : schema.getTypes()) {
          if (branch.getType() != Schema.Type.NULL) {
            return render(value, branch);
          }
        }
      }
      LogicalType logical = schema.getLogicalType();
      if (logical instanceof LogicalTypes.Date) {
        return LocalDate.ofEpochDay(((Number) value).longValue()).toString();
      }
      if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
        long v = ((Number) value).longValue();
        Instant t = logical instanceof LogicalTypes.TimestampMillis ? Instant.ofEpochMilli(v)
            : Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000L);
        return (t.getNano() == 0 ? SECONDS : FRACTION).format(t.atZone(ZoneOffset.UTC));
      }
      if (logical instanceof LogicalTypes.Decimal) {
        int scale = ((LogicalTypes.Decimal) logical).getScale();
        byte[] bytes;
        if (value instanceof ByteBuffer) {
          ByteBuffer b = ((ByteBuffer) value).duplicate();
          bytes = new byte[b.remaining()];
          b.get(bytes);
        } else {
          bytes = ((org.apache.avro.generic.GenericFixed) value).bytes();
        }
        return new BigDecimal(new BigInteger(bytes), scale).toPlainString();
      }
      if (value instanceof Double || value instanceof Float) {
        return BigDecimal.valueOf(((Number) value).doubleValue()).toPlainString();
      }
      if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
        return value.toString();
      }
      throw new IllegalArgumentException("a " + schema.getType().getName() + " value: only plain columns are read");
    }
  }

  /** A Parquet {@link InputFile} over a Beam channel (local, S3, ...). */
  private static final class ChannelInputFile implements InputFile {
    private final SeekableByteChannel channel;

    ChannelInputFile(SeekableByteChannel channel) {
      this.channel = channel;
    }

    @Override
    public long getLength() throws IOException {
      return channel.size();
    }

    @Override
    public SeekableInputStream newStream() {
      return new DelegatingSeekableInputStream(java.nio.channels.Channels.newInputStream(channel)) {
        @Override
        public long getPos() throws IOException {
          return channel.position();
        }

        @Override
        public void seek(long newPos) throws IOException {
          channel.position(newPos);
        }
      };
    }
  }
}
