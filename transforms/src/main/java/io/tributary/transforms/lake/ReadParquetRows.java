package io.tributary.transforms.lake;

import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.extensions.avro.schemas.utils.AvroUtils;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/** Reads the Parquet files of a lake table (a glob) as Rows of a known Beam schema. */
public final class ReadParquetRows extends PTransform<PBegin, PCollection<Row>> {
  private final String filepattern;
  private final Schema schema;

  private ReadParquetRows(String filepattern, Schema schema) {
    this.filepattern = filepattern;
    this.schema = schema;
  }

  public static ReadParquetRows from(String filepattern, Schema schema) {
    return new ReadParquetRows(filepattern, schema);
  }

  /** True when the pattern matches at least one file: lets a step fail early with a clear message. */
  public static boolean anyMatch(String filepattern) {
    try {
      List<MatchResult> results = FileSystems.match(List.of(filepattern));
      return results.get(0).status() == MatchResult.Status.OK
          && !results.get(0).metadata().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Avro record to Row. Beam's converter maps an Avro {@code date} to DATETIME, not to the DATE
   * logical type our schemas use, so schemas with DATE fields are converted field by field here
   * (dates arrive as epoch days, strings as Avro Utf8); others go through Beam's converter.
   */
  static Row toRow(org.apache.avro.generic.GenericRecord record, Schema schema) {
    boolean hasDate = schema.getFields().stream().anyMatch(f -> isDate(f.getType()));
    if (!hasDate) {
      return AvroUtils.toBeamRowStrict(record, schema);
    }
    Row.Builder row = Row.withSchema(schema);
    for (Schema.Field field : schema.getFields()) {
      Object v = record.get(field.getName());
      if (v == null) {
        row.addValue(null);
      } else if (isDate(field.getType())) {
        row.addValue(v instanceof java.time.LocalDate ? v : java.time.LocalDate.ofEpochDay(((Number) v).longValue()));
      } else if (v instanceof CharSequence) {
        row.addValue(v.toString());
      } else {
        row.addValue(v);
      }
    }
    return row.build();
  }

  private static boolean isDate(Schema.FieldType type) {
    return type.getTypeName() == Schema.TypeName.LOGICAL_TYPE
        && org.apache.beam.sdk.schemas.logicaltypes.SqlTypes.DATE.getIdentifier().equals(type.getLogicalType().getIdentifier());
  }

  @Override
  public PCollection<Row> expand(PBegin input) {
    Schema beamSchema = schema;
    return input.apply(
        ParquetIO.parseGenericRecords(
                (SerializableFunction<org.apache.avro.generic.GenericRecord, Row>)
                    record -> toRow(record, beamSchema))
            .withCoder(RowCoder.of(beamSchema))
            .from(filepattern));
  }
}
