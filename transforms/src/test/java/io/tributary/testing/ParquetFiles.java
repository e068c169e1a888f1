package io.tributary.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Reads lake Parquet files with parquet-avro directly (not through Beam), so tests check what a
 * Spark, Athena or pandas user would see, independently of the pipeline's own read path.
 */
public final class ParquetFiles {
  private ParquetFiles() {}

  /** Every record of every *.parquet under {@code dir}, as sorted field maps (values as strings). */
  public static List<Map<String, String>> read(Path dir) throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    if (!Files.exists(dir)) {
      return rows;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".parquet")).sorted().collect(Collectors.toList());
    }
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    for (Path file : files) {
      try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
          HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf)).build()) {
        for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
          Map<String, String> row = new TreeMap<>();
          for (org.apache.avro.Schema.Field f : r.getSchema().getFields()) {
            Object v = r.get(f.name());
            row.put(f.name(), v == null ? null : v.toString());
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** The records as sorted lines, for whole-table equality checks. */
  public static List<String> lines(Path dir) throws IOException {
    return read(dir).stream().map(Map::toString).sorted().collect(Collectors.toList());
  }
}
