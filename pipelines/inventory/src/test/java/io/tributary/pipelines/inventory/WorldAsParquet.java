package io.tributary.pipelines.inventory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * The hand-worked world's CSV files written again as typed Parquet, as another producer would store
 * them: ids as longs, money as doubles, days as DATE, instants as timestamp-millis, text as strings.
 * A cell that does not convert (the broken VIN is still a string; a negative price a negative
 * double) is stored as it is, so the same rows must be rejected for the same reasons.
 */
final class WorldAsParquet {
  private WorldAsParquet() {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  /** Copies every CSV under {@code csvRoot}'s four day-partitioned inputs to {@code out} as Parquet. */
  static void write(Path csvRoot, Path out) throws IOException {
    for (InventoryInput input : InventoryInput.values()) {
      try (Stream<Path> files = Files.walk(csvRoot.resolve(input.folder))) {
        for (Path csv : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".csv"))::iterator) {
          Path target = out.resolve(csvRoot.relativize(csv).toString().replace(".csv", ".parquet"));
          convert(input, csv, target);
        }
      }
    }
    Path zips = out.resolve("zip_dma/zip_dma.csv");
    Files.createDirectories(zips.getParent());
    Files.copy(csvRoot.resolve("zip_dma/zip_dma.csv"), zips);
  }

  private static Schema.Field field(String name) {
    Schema type;
    switch (WorldColumn.of(name)) {
      case LONG:
        type = Schema.create(Schema.Type.LONG);
        break;
      case INT:
        type = Schema.create(Schema.Type.INT);
        break;
      case MONEY:
        type = Schema.create(Schema.Type.DOUBLE);
        break;
      case DAY:
        type = LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
        break;
      case INSTANT:
        type = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        break;
      default:
        type = Schema.create(Schema.Type.STRING);
    }
    return new Schema.Field(name, SchemaBuilder.unionOf().nullType().and().type(type).endUnion(), null,
        Schema.Field.NULL_DEFAULT_VALUE);
  }

  private static void convert(InventoryInput input, Path csv, Path target) throws IOException {
    List<Schema.Field> fields = new java.util.ArrayList<>();
    input.columns.forEach(c -> fields.add(field(c)));
    Schema schema = Schema.createRecord(input.folder, null, "world", false, fields);
    Files.createDirectories(target.getParent());
    try (BufferedReader in = Files.newBufferedReader(csv);
        ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalFile(target))
            .withSchema(schema).build()) {
      List<String> header = List.of(in.readLine().split(","));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] cells = line.split(",", -1);
        GenericRecord r = new GenericData.Record(schema);
        for (String column : input.columns) {
          String cell = cells[header.indexOf(column)];
          r.put(column, cell.isEmpty() ? null : value(column, cell));
        }
        writer.write(r);
      }
    }
  }

  private static Object value(String column, String cell) {
    switch (WorldColumn.of(column)) {
      case LONG:
        return Long.parseLong(cell);
      case INT:
        return Integer.parseInt(cell);
      case MONEY:
        return Double.parseDouble(cell);
      case DAY:
        return (int) LocalDate.parse(cell).toEpochDay();
      case INSTANT:
        return LocalDateTime.parse(cell, TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
      default:
        return cell;
    }
  }

  /** A local file as Parquet's OutputFile (parquet 1.13 has none of its own). */
  private static final class LocalFile implements OutputFile {
    private final Path path;

    LocalFile(Path path) {
      this.path = path;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      OutputStream out = Files.newOutputStream(path);
      return new PositionOutputStream() {
        private long position;

        @Override
        public long getPos() {
          return position;
        }

        @Override
        public void write(int b) throws IOException {
          out.write(b);
          position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          position += len;
        }

        @Override
        public void close() throws IOException {
          out.close();
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      Files.deleteIfExists(path);
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
